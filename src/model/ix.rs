//! Positions with types, so that a position in one list is never taken for a position in
//! another: `EventIx` in `Dataset::events`, `ActorIx` and `SourceIx` in the actors and
//! sources, and `ShownIx` in a list of events shown (a filter's answer, which the browser's
//! cursor, search hits and rows point into). Each holds a `u32`: half the memory of a
//! `usize` in the lists a million events make.

use std::ops::Index;

use super::{Actor, Event, Source};

macro_rules! position {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The position `i`; a list never holds more than `u32::MAX` items.
            pub fn new(i: usize) -> $name {
                $name(u32::try_from(i).expect("a list of at most u32::MAX items"))
            }

            /// The position as a number, to count with or to slice.
            pub fn get(self) -> usize {
                self.0 as usize
            }
        }
    };
}

position!(
    /// A position in `Dataset::events`.
    EventIx
);
position!(
    /// A position in `Dataset::actors`.
    ActorIx
);
position!(
    /// A position in `Dataset::sources`.
    SourceIx
);
position!(
    /// A position in a list of events shown (positions in `Dataset::events`, in timeline
    /// order): the browser's cursor, search hits and rows point into it.
    ShownIx
);

macro_rules! indexes {
    ($ix:ty => $item:ty) => {
        impl Index<$ix> for [$item] {
            type Output = $item;
            fn index(&self, i: $ix) -> &$item {
                &self[i.get()]
            }
        }

        impl Index<$ix> for Vec<$item> {
            type Output = $item;
            fn index(&self, i: $ix) -> &$item {
                &self[i.get()]
            }
        }
    };
}

indexes!(EventIx => Event);
indexes!(ActorIx => Actor);
indexes!(SourceIx => Source);
indexes!(ShownIx => EventIx);

/// Every position of a list of `len` items, in order.
pub fn all<I: From<usize>>(len: usize) -> impl Iterator<Item = I> {
    (0..len).map(I::from)
}

macro_rules! from_usize {
    ($($ix:ty),*) => {
        $(impl From<usize> for $ix {
            fn from(i: usize) -> $ix {
                <$ix>::new(i)
            }
        })*
    };
}

from_usize!(EventIx, ActorIx, SourceIx, ShownIx);
