//! A file mapped into memory can be cut short by another program while annals reads it; a
//! read past its new end then raises SIGBUS, which would stop the process. This guard catches
//! SIGBUS on the pages of annals' own mappings and puts a page of zeros in place of the one
//! that faulted, so the read goes on: the zeros never pass a text's check (`Text::get`), the
//! store is marked stale and the file is read again. A SIGBUS anywhere else goes to the
//! handler that was there before (Rust's own, or the default), as if the guard were not there.
//!
//! The handler only reads atomics and calls `mmap`, which the kernel carries out without
//! locks; it allocates nothing.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// How many mappings can be guarded at once (a reload briefly holds two).
const SLOTS: usize = 16;

/// Each slot holds a mapping's first address and its end (0 when free).
static STARTS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static ENDS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
/// Set when a page of a guarded mapping was replaced: some mapped file was cut short.
static DAMAGED: AtomicBool = AtomicBool::new(false);
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static INSTALL: Once = Once::new();
/// The action SIGBUS had before the guard, called for faults that are not ours.
static mut PREVIOUS: Option<libc::sigaction> = None;

/// A mapping under the guard; dropping it (before the mapping is unmapped) lets it go.
pub struct Guarded {
    slot: Option<usize>,
}

impl Drop for Guarded {
    fn drop(&mut self) {
        if let Some(i) = self.slot {
            ENDS[i].store(0, Ordering::SeqCst);
            STARTS[i].store(0, Ordering::SeqCst);
        }
    }
}

/// Puts `len` bytes from `start` under the guard. When every slot is taken the mapping is
/// not guarded (and the caller reads it with care).
pub fn guard(start: *const u8, len: usize) -> Guarded {
    install();
    let (start, end) = (start as usize, start as usize + len);
    for i in 0..SLOTS {
        if STARTS[i]
            .compare_exchange(0, start, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
        {
            ENDS[i].store(end, Ordering::SeqCst);
            return Guarded { slot: Some(i) };
        }
    }
    Guarded { slot: None }
}

/// Whether a guarded mapping has had a page replaced since the last call (and clears it).
pub fn take_damage() -> bool {
    DAMAGED.swap(false, Ordering::SeqCst)
}

fn install() {
    INSTALL.call_once(|| {
        // SAFETY: plain libc calls with valid, zeroed structures; PREVIOUS is written once,
        // here, before the handler that reads it can run.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::SeqCst);
            }
            let mut action: libc::sigaction = std::mem::zeroed();
            action.sa_sigaction = on_sigbus as *const () as usize;
            action.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut action.sa_mask);
            let mut previous: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(libc::SIGBUS, &action, &mut previous) == 0 {
                PREVIOUS = Some(previous);
            }
        }
    });
}

fn ours(addr: usize) -> bool {
    (0..SLOTS).any(|i| {
        let start = STARTS[i].load(Ordering::SeqCst);
        start != 0 && start <= addr && addr < ENDS[i].load(Ordering::SeqCst)
    })
}

extern "C" fn on_sigbus(
    signal: libc::c_int,
    info: *mut libc::siginfo_t,
    context: *mut libc::c_void,
) {
    // SAFETY: the kernel hands a valid siginfo_t for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    if ours(addr) {
        let page = PAGE.load(Ordering::SeqCst);
        let at = addr & !(page - 1);
        // SAFETY: the page lies inside one of annals' own read-only mappings; MAP_FIXED
        // replaces it with a private page of zeros, which every later read sees.
        let mapped = unsafe {
            libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            )
        };
        if mapped != libc::MAP_FAILED {
            DAMAGED.store(true, Ordering::SeqCst);
            return;
        }
    }
    // Not ours (or no page could be put there): what SIGBUS would have done without us.
    // SAFETY: PREVIOUS was set before this handler was installed and never changes after.
    unsafe {
        let previous = *std::ptr::addr_of!(PREVIOUS);
        match previous {
            Some(p) if p.sa_flags & libc::SA_SIGINFO != 0 && p.sa_sigaction > libc::SIG_IGN => {
                let f: extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void) =
                    std::mem::transmute(p.sa_sigaction);
                f(signal, info, context);
            }
            Some(p) if p.sa_sigaction > libc::SIG_IGN => {
                let f: extern "C" fn(libc::c_int) = std::mem::transmute(p.sa_sigaction);
                f(signal);
            }
            _ => {
                // The default: returning makes the fault happen again, and kill the process.
                libc::signal(libc::SIGBUS, libc::SIG_DFL);
            }
        }
    }
}
