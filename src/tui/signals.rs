//! Signals while the browser has the terminal. SIGTERM, SIGHUP and SIGINT end it: the event
//! loop sees them within a tick, saves the session and puts the terminal back; if it cannot
//! (stuck reading), the watcher puts the terminal back itself after a second and exits.
//! SIGTSTP (and Ctrl-Z, which raw mode turns into a key) suspends it with the terminal put
//! back; SIGCONT takes the terminal again and draws the whole screen. Raw mode means Ctrl-C
//! reaches the browser as a key, so SIGINT comes only from `kill`.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

/// The signal that asks the browser to end or to suspend, not yet acted on (0: none).
static PENDING: AtomicI32 = AtomicI32::new(0);
/// Whether the process was continued (after a stop) since the loop last looked.
static CONTINUED: AtomicBool = AtomicBool::new(false);

/// What a signal asks of the event loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asked {
    /// End, as if the user had quit (the signal's number, for the exit status).
    End(i32),
    /// Suspend to the shell.
    Suspend,
}

/// The signal waiting, taken.
pub fn take() -> Option<Asked> {
    match PENDING.swap(0, Ordering::SeqCst) {
        0 => None,
        #[cfg(unix)]
        s if s == signal_hook::consts::SIGTSTP => Some(Asked::Suspend),
        s => Some(Asked::End(s)),
    }
}

/// Whether the process was continued since the last look (the terminal may have been used
/// by another program meanwhile: it must be taken again and drawn whole).
pub fn continued() -> bool {
    CONTINUED.swap(false, Ordering::SeqCst)
}

/// Whether a signal asks the browser to end (for loops that cannot take it: a load).
pub fn ending() -> bool {
    let s = PENDING.load(Ordering::SeqCst);
    #[cfg(unix)]
    return s != 0 && s != signal_hook::consts::SIGTSTP;
    #[cfg(not(unix))]
    return s != 0;
}

/// The watcher; stops watching when dropped.
pub struct Watch {
    #[cfg(unix)]
    handle: signal_hook::iterator::Handle,
}

impl Drop for Watch {
    fn drop(&mut self) {
        #[cfg(unix)]
        self.handle.close();
    }
}

/// Starts watching. `restore` puts the terminal back; the watcher calls it only if the
/// loop has not ended a second after an ending signal.
#[cfg(unix)]
pub fn watch(restore: fn()) -> std::io::Result<Watch> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT])?;
    let handle = signals.handle();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGCONT => CONTINUED.store(true, Ordering::SeqCst),
                    SIGTSTP => {
                        let _ = PENDING.compare_exchange(
                            0,
                            SIGTSTP,
                            Ordering::SeqCst,
                            Ordering::SeqCst,
                        );
                    }
                    end => {
                        PENDING.store(end, Ordering::SeqCst);
                        std::thread::sleep(std::time::Duration::from_secs(1));
                        restore();
                        std::process::exit(128 + end);
                    }
                }
            }
        })?;
    Ok(Watch { handle })
}

#[cfg(not(unix))]
pub fn watch(_restore: fn()) -> std::io::Result<Watch> {
    Ok(Watch {})
}

/// Stops the process as the shell's Ctrl-Z does, once the terminal is put back; returns
/// when it is continued.
#[cfg(unix)]
pub fn stop_self() -> std::io::Result<()> {
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)
}

#[cfg(not(unix))]
pub fn stop_self() -> std::io::Result<()> {
    Ok(())
}
