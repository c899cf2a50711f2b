//! Monotone paragraph alignment of a translation and a source: the order prior for quote
//! matching. A dynamic programme picks the order-preserving set of paragraph pairs with the
//! greatest total similarity; skipped paragraphs are allowed on both sides (a translation
//! cuts and adds). Quotes may still move: this is a bonus, never a constraint.

/// For each translation paragraph, the source paragraph it aligns with (if any), given a
/// similarity matrix `sim[t][s]`. Pairs under `min` are never aligned.
pub fn align_paragraphs(sim: &[Vec<f32>], min: f32) -> Vec<Option<usize>> {
    let n = sim.len();
    let m = sim.first().map_or(0, Vec::len);
    // best[i][j]: best total for the first i translation and first j source paragraphs.
    let mut best = vec![vec![0.0f32; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let pair = sim[i - 1][j - 1];
            let diag = if pair >= min {
                best[i - 1][j - 1] + pair
            } else {
                f32::MIN
            };
            best[i][j] = diag.max(best[i - 1][j]).max(best[i][j - 1]);
        }
    }
    let mut out = vec![None; n];
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let pair = sim[i - 1][j - 1];
        if pair >= min && (best[i][j] - (best[i - 1][j - 1] + pair)).abs() < 1e-6 {
            out[i - 1] = Some(j - 1);
            i -= 1;
            j -= 1;
        } else if best[i][j] == best[i - 1][j] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_skips_unmatched() {
        let sim = vec![
            vec![0.9, 0.1, 0.0],
            vec![0.0, 0.05, 0.1],
            vec![0.1, 0.2, 0.8],
        ];
        assert_eq!(align_paragraphs(&sim, 0.15), [Some(0), None, Some(2)]);
    }

    #[test]
    fn a_crossing_pair_loses_to_the_better_order() {
        let sim = vec![vec![0.1, 0.9], vec![0.8, 0.1]];
        let out = align_paragraphs(&sim, 0.15);
        assert_eq!(out.iter().filter(|x| x.is_some()).count(), 1);
        assert_eq!(out[0], Some(1));
    }

    #[test]
    fn empty_inputs() {
        assert!(align_paragraphs(&[], 0.1).is_empty());
        assert_eq!(align_paragraphs(&[vec![]], 0.1), [None]);
    }
}
