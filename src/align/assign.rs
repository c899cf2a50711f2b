//! One-to-one assignment over a score matrix (Hungarian algorithm, via `pathfinding`), so
//! that two translated quotes can never claim the same source quote.

use pathfinding::prelude::{kuhn_munkres, Matrix};

/// For each row, the column assigned to it, or `None` when its assigned score is not
/// positive (inadmissible pairs should be given 0 or less).
pub fn assign(scores: &[Vec<f32>]) -> Vec<Option<usize>> {
    let rows = scores.len();
    let cols = scores.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return vec![None; rows];
    }
    let width = cols.max(rows);
    let to_int = |s: f32| {
        if s > 0.0 {
            (s * 10_000.0).round() as i64
        } else {
            0
        }
    };
    let data: Vec<i64> = (0..rows)
        .flat_map(|r| (0..width).map(move |c| (r, c)))
        .map(|(r, c)| scores[r].get(c).map_or(0, |&s| to_int(s)))
        .collect();
    let matrix = Matrix::from_vec(rows, width, data).expect("rows * width values");
    let (_, picks) = kuhn_munkres(&matrix);
    picks
        .into_iter()
        .enumerate()
        .map(|(r, c)| (c < cols && scores[r][c] > 0.0).then_some(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_assignment_beats_greedy() {
        // Greedy would give row 0 column 0 (0.9) and leave row 1 with 0.1.
        let scores = vec![vec![0.9, 0.8], vec![0.85, 0.1]];
        assert_eq!(assign(&scores), [Some(1), Some(0)]);
    }

    #[test]
    fn inadmissible_pairs_stay_unassigned() {
        let scores = vec![vec![0.0, 0.0], vec![0.0, 0.7], vec![0.0, 0.6]];
        assert_eq!(assign(&scores), [None, Some(1), None]);
    }

    #[test]
    fn empty() {
        assert!(assign(&[]).is_empty());
        assert_eq!(assign(&[vec![]]), [None]);
    }
}
