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
    /// One asset's return assumption (`None` for the private asset, whose
    /// assumption is in the plan's private view).
    pub fn asset(&self, asset: Asset) -> Option<&AssetAssumption> {
        match asset {
            Asset::Stocks => Some(&self.stocks),
            Asset::Bonds => Some(&self.bonds),
            Asset::Cash => Some(&self.cash),
            Asset::Crypto => Some(&self.crypto),
            Asset::Private => None,
        }
    }

    /// Every asset's return assumption, in the order of the correlations,
    /// the private asset's `private` (nothing drawn without one: no return,
    /// no volatility).
    pub fn assets(&self, private: Option<AssetAssumption>) -> PerAsset<AssetAssumption> {
        let none = AssetAssumption {
            mean: 0.0,
            volatility: 0.0,
        };
        PerAsset::from_fn(|asset| {
            self.asset(asset)
                .copied()
                .unwrap_or_else(|| private.unwrap_or(none))
        })
    }
}

/// A checked correlation matrix of every asset: the file's 4×4 (finite,
/// symmetric, with a unit diagonal, entries in [−1, 1]) grown to 5×5 by
/// the private asset's row (its correlations with stocks and bonds, from
/// its view; uncorrelated without one), positive semi-definite, with its
/// Cholesky factor. The private asset is last, so the first four rows of
/// the factor, and the draws they make, are the same with it or without. Only [`Correlations::new`] makes one, so whatever holds
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
    /// The private asset's correlations cannot hold with the file's.
    PrivateNotPositiveSemiDefinite,
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
    /// Checks the file's `rows` and factorises them, the private asset
    /// uncorrelated; every problem at once otherwise.
    pub fn new(rows: &[Vec<f64>]) -> Result<Self, Vec<CorrelationProblem>> {
        Self::with_private(rows, None)
    }

    /// Checks the file's `rows` grown by the private asset's correlations
    /// with stocks and bonds (`None`: uncorrelated), and factorises them.
    pub fn with_private(
        rows: &[Vec<f64>],
        private: Option<[f64; 2]>,
    ) -> Result<Self, Vec<CorrelationProblem>> {
        use CorrelationProblem::*;
        const IN_FILE: usize = Asset::IN_FILE;
        if rows.len() != IN_FILE || rows.iter().any(|r| r.len() != IN_FILE) {
            return Err(vec![Shape]);
        }
        let p = Asset::Private.index();
        let [with_stocks, with_bonds] = private.unwrap_or([0.0, 0.0]);
        let matrix: [[f64; ASSETS]; ASSETS] = std::array::from_fn(|i| {
            std::array::from_fn(|j| match (i, j) {
                (i, j) if i < IN_FILE && j < IN_FILE => rows[i][j],
                (i, j) if i == j => 1.0,
                (0, _) | (_, 0) => with_stocks,
                (1, _) | (_, 1) => with_bonds,
                _ => 0.0,
            })
        });
        debug_assert_eq!(p, IN_FILE);
        let mut problems = Vec::new();
        // The entries are the file's to check (the private row's are its
        // view's, checked with their own paths).
        for (row, values) in matrix.iter().enumerate().take(IN_FILE) {
            for (column, &v) in values.iter().enumerate().take(IN_FILE) {
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
        for (row, values) in matrix.iter().enumerate().take(IN_FILE) {
            if values[row] != 1.0 {
                problems.push(Diagonal { index: row });
            }
            for (column, &value) in values.iter().enumerate().take(IN_FILE) {
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
        let factor = cholesky(&matrix).ok_or_else(|| {
            // Which part is impossible: the file's alone, or the private row.
            if private.is_some() && Correlations::with_private(rows, None).is_ok() {
                vec![PrivateNotPositiveSemiDefinite]
            } else {
                vec![NotPositiveSemiDefinite]
            }
        })?;
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
        for i in 0..ASSETS {
            for j in 0..ASSETS {
                let v: f64 = (0..ASSETS).map(|k| l[i][k] * l[j][k]).sum();
                assert!((v - m[i][j]).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn the_private_row_keeps_the_file_s_factor_and_is_checked() {
        let a = Assumptions::default();
        let alone = Correlations::new(&a.correlations).unwrap();
        let with = Correlations::with_private(&a.correlations, Some([0.8, 0.2])).unwrap();
        for i in 0..Asset::IN_FILE {
            assert_eq!(alone.factor()[i], with.factor()[i], "row {i}");
        }
        let (m, l) = (with.matrix(), with.factor());
        for i in 0..ASSETS {
            for j in 0..ASSETS {
                let v: f64 = (0..ASSETS).map(|k| l[i][k] * l[j][k]).sum();
                assert!((v - m[i][j]).abs() < 1e-12);
            }
        }
        assert_eq!(m[4][0], 0.8);
        assert_eq!(m[1][4], 0.2);
        // Perfectly with stocks and perfectly against bonds, which stocks
        // are 0.2 with: impossible.
        assert_eq!(
            Correlations::with_private(&a.correlations, Some([1.0, -1.0])),
            Err(vec![CorrelationProblem::PrivateNotPositiveSemiDefinite])
        );
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
