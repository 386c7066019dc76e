//! The generators' random numbers: SplitMix64, written out here rather than taken from a
//! crate whose stream may change between versions, so that a generator's output depends only
//! on its arguments, on every machine and forever.
//!
//! A module, not an example of its own: a generator includes it with
//! `#[path = "common/rng.rs"] mod rng;` (cargo builds only `examples/*.rs` and
//! `examples/*/main.rs` as examples).

/// SplitMix64: small, fast, and fixed forever.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `per_mille` in 1,000.
    pub fn per_mille(&mut self, per_mille: u64) -> bool {
        self.next() % 1000 < per_mille
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.per_mille(percent * 10)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// Sampling `0..n` with weights fixed once (a cumulative table and a binary search).
pub struct Weighted {
    cumulative: Vec<f64>,
}

impl Weighted {
    /// Item k gets `weight(k)`.
    pub fn new(n: usize, weight: impl Fn(usize) -> f64) -> Weighted {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|k| {
                total += weight(k);
                total
            })
            .collect();
        Weighted { cumulative }
    }

    pub fn sample(&self, rng: &mut Rng) -> usize {
        let total = *self.cumulative.last().expect("a non-empty table");
        let x = rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}
