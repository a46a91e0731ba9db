//! The hash maps of the grader's hot paths (words, stem ids). The standard
//! SipHash resists hash flooding but is several times slower on short keys;
//! these maps hold words of the candidate's own answers and of the banks,
//! where flooding is no threat and lookups dominate grading time. So they use
//! the Fx hash (rustc's), from the `rustc-hash` crate rather than our own
//! copy of it; the aliases keep one name for the choice across the crate.

/// A `HashMap` with the Fx hash.
pub type FastMap<K, V> = rustc_hash::FxHashMap<K, V>;
/// A `HashSet` with the Fx hash.
pub type FastSet<T> = rustc_hash::FxHashSet<T>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_find_what_they_hold_and_tell_keys_apart() {
        let words = ["a", "ab", "abcdefgh", "abcdefghi", "abcdefgi", "kubernetes", ""];
        let map: FastMap<&str, usize> = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
        assert_eq!(map.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map[w], i);
        }
    }
}
