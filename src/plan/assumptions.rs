//! What the saver assumes about markets: expected returns, volatilities,
//! correlations, crypto crashes and inflation, all real (after inflation).

use serde::{Deserialize, Serialize};

use super::asset::{ASSETS, Asset, PerAsset};

/// One asset's return assumption. A file that gives an asset gives both.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AssetAssumption {
    /// Expected arithmetic real return `E[R]` (0.055 is 5.5% a year).
    pub mean: f64,
    /// Standard deviation of the log return.
    pub volatility: f64,
}

/// A crash jump added to crypto's log return in some years.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CryptoCrash {
    /// Chance of a crash in any one year.
    pub probability: f64,
    /// Mean of the jump in log terms: -0.70 cuts the value by about 50%.
    pub mean: f64,
    /// Standard deviation of the jump in log terms.
    pub volatility: f64,
}

impl CryptoCrash {
    /// The loss a crash of average log size means, as a share of value
    /// (0.50 for a jump of -0.70): what a person understands.
    pub fn typical_loss(&self) -> f64 {
        1.0 - self.mean.exp()
    }
}

/// What the saver assumes about markets, all real (after inflation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Assumptions {
    /// Stocks (global equity).
    pub stocks: AssetAssumption,
    /// Bonds (US aggregate).
    pub bonds: AssetAssumption,
    /// Cash (T-bills).
    pub cash: AssetAssumption,
    /// Crypto (bitcoin), before crashes.
    pub crypto: AssetAssumption,
    /// 4×4, in the order stocks, bonds, cash, crypto. Lists in the file, so
    /// its shape is checked by validation rather than by the parser.
    pub correlations: Vec<Vec<f64>>,
    /// `None` written in a file turns crashes off; left out, the shipped crash applies.
    pub crypto_crash: Option<CryptoCrash>,
    /// Used only to show future (nominal) dollars.
    pub inflation: f64,
}

impl Assumptions {
    /// One asset's return assumption.
    pub fn asset(&self, asset: Asset) -> &AssetAssumption {
        match asset {
            Asset::Stocks => &self.stocks,
            Asset::Bonds => &self.bonds,
            Asset::Cash => &self.cash,
            Asset::Crypto => &self.crypto,
        }
    }

    /// One asset's return assumption, to change.
    pub fn asset_mut(&mut self, asset: Asset) -> &mut AssetAssumption {
        match asset {
            Asset::Stocks => &mut self.stocks,
            Asset::Bonds => &mut self.bonds,
            Asset::Cash => &mut self.cash,
            Asset::Crypto => &mut self.crypto,
        }
    }

    /// Every asset's return assumption, in the order of the correlations.
    pub fn assets(&self) -> PerAsset<AssetAssumption> {
        PerAsset::from_fn(|asset| *self.asset(asset))
    }
}

/// A checked correlation matrix: 4×4, finite, symmetric, with a unit
/// diagonal, entries in [−1, 1] and positive semi-definite, with its
/// Cholesky factor. Only [`Correlations::new`] makes one, so whatever holds
/// one holds a matrix the market can draw from.
#[derive(Clone, Debug, PartialEq)]
pub struct Correlations {
    matrix: [[f64; ASSETS]; ASSETS],
    factor: [[f64; ASSETS]; ASSETS],
}

/// One reason a correlation matrix is refused; `row` and `column` index it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CorrelationProblem {
    /// Not 4 rows of 4 numbers.
    Shape,
    /// NaN at an entry.
    NotANumber {
        /// The entry's row.
        row: usize,
        /// The entry's column.
        column: usize,
    },
    /// An infinite entry.
    Infinite {
        /// The entry's row.
        row: usize,
        /// The entry's column.
        column: usize,
    },
    /// A diagonal entry other than 1.
    Diagonal {
        /// The entry's row and column.
        index: usize,
    },
    /// An entry outside [−1, 1].
    OutOfRange {
        /// The entry's row.
        row: usize,
        /// The entry's column.
        column: usize,
    },
    /// `[row][column]` differs from `[column][row]`.
    Asymmetric {
        /// The entry's row.
        row: usize,
        /// The entry's column.
        column: usize,
    },
    /// The correlations cannot all hold at once.
    NotPositiveSemiDefinite,
}

impl Correlations {
    /// Checks `rows` and factorises them; every problem at once otherwise.
    pub fn new(rows: &[Vec<f64>]) -> Result<Self, Vec<CorrelationProblem>> {
        use CorrelationProblem::*;
        if rows.len() != ASSETS || rows.iter().any(|r| r.len() != ASSETS) {
            return Err(vec![Shape]);
        }
        let matrix: [[f64; ASSETS]; ASSETS] =
            std::array::from_fn(|i| std::array::from_fn(|j| rows[i][j]));
        let mut problems = Vec::new();
        for (row, values) in matrix.iter().enumerate() {
            for (column, &v) in values.iter().enumerate() {
                if v.is_nan() {
                    problems.push(NotANumber { row, column });
                } else if v.is_infinite() {
                    problems.push(Infinite { row, column });
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        for (row, values) in matrix.iter().enumerate() {
            if values[row] != 1.0 {
                problems.push(Diagonal { index: row });
            }
            for (column, &value) in values.iter().enumerate() {
                if !(-1.0..=1.0).contains(&value) {
                    problems.push(OutOfRange { row, column });
                } else if column > row && (value - matrix[column][row]).abs() > 1e-12 {
                    problems.push(Asymmetric { row, column });
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let factor = cholesky(&matrix).ok_or_else(|| vec![NotPositiveSemiDefinite])?;
        Ok(Correlations { matrix, factor })
    }

    /// The matrix.
    pub fn matrix(&self) -> &[[f64; ASSETS]; ASSETS] {
        &self.matrix
    }

    /// The lower-triangular `L` with `L·Lᵀ` the matrix.
    pub fn factor(&self) -> &[[f64; ASSETS]; ASSETS] {
        &self.factor
    }
}

/// A lower-triangular `L` with `L·Lᵀ = matrix`, for a symmetric positive
/// semi-definite matrix (a correlation of 1 included); `None` if the matrix
/// is not positive semi-definite.
///
/// Where a pivot is zero (a column that depends on earlier ones), the column
/// below it must be zero too for the matrix to be PSD; it is then set to 0.
fn cholesky(matrix: &[[f64; ASSETS]; ASSETS]) -> Option<[[f64; ASSETS]; ASSETS]> {
    const TOLERANCE: f64 = 1e-10;
    let mut l = [[0.0; ASSETS]; ASSETS];
    for j in 0..ASSETS {
        let pivot_sq = matrix[j][j] - (0..j).map(|k| l[j][k] * l[j][k]).sum::<f64>();
        if pivot_sq < -TOLERANCE {
            return None;
        }
        let pivot = pivot_sq.max(0.0).sqrt();
        l[j][j] = pivot;
        for i in j + 1..ASSETS {
            let rest = matrix[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            if pivot > TOLERANCE.sqrt() {
                l[i][j] = rest / pivot;
            } else if rest.abs() > 1e-7 {
                return None;
            }
        }
    }
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(m: [[f64; 4]; 4]) -> Vec<Vec<f64>> {
        m.iter().map(|r| r.to_vec()).collect()
    }

    #[test]
    fn cholesky_reproduces_the_matrix() {
        let a = Assumptions::default();
        let c = Correlations::new(&a.correlations).expect("the shipped matrix is valid");
        let (m, l) = (c.matrix(), c.factor());
        for i in 0..4 {
            for j in 0..4 {
                let v: f64 = (0..4).map(|k| l[i][k] * l[j][k]).sum();
                assert!((v - m[i][j]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn perfect_correlation_is_accepted_and_the_impossible_is_not() {
        let mut m = [
            [1.0, 1.0, 0.0, 0.0],
            [1.0, 1.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ];
        assert!(Correlations::new(&rows(m)).is_ok());
        m[0][2] = 0.5;
        m[2][0] = 0.5;
        assert_eq!(
            Correlations::new(&rows(m)),
            Err(vec![CorrelationProblem::NotPositiveSemiDefinite])
        );
        let neg = [
            [1.0, -0.9, -0.9, 0.0],
            [-0.9, 1.0, -0.9, 0.0],
            [-0.9, -0.9, 1.0, 0.0],
            [0.0, 0.0, 0.0, 1.0],
        ];
        assert!(Correlations::new(&rows(neg)).is_err());
    }

    #[test]
    fn every_shape_problem_is_named() {
        assert_eq!(
            Correlations::new(&[vec![1.0; 3]]),
            Err(vec![CorrelationProblem::Shape])
        );
        let mut m = rows([
            [1.0, 0.2, 0.0, 0.0],
            [0.2, 1.0, 0.0, 0.0],
            [0.0; 4],
            [0.0; 4],
        ]);
        m[2][2] = 1.0;
        m[3][3] = 0.9;
        m[0][3] = 1.5;
        assert_eq!(
            Correlations::new(&m),
            Err(vec![
                CorrelationProblem::OutOfRange { row: 0, column: 3 },
                CorrelationProblem::Diagonal { index: 3 },
            ])
        );
    }
}
