//! A quasi-Poisson GLM with log link, fitted step by step as R's `glm.fit` does (start at y + 0.1,
//! IRLS with Householder least squares, deviance criterion 1e-8, at most 25 iterations, step
//! halving), because Farrington's answers depend on details such as the last iteration's working
//! weights and how many iterations an all-zero baseline takes to "converge".

/// `glm.control()`'s defaults.
const EPSILON: f64 = 1e-8;
const MAX_ITERATIONS: usize = 25;
/// `glm.fit`'s tolerance for a negligible column, `min(1e-7, epsilon / 1000)`.
const RANK_TOLERANCE: f64 = 1e-11;

/// The model matrix, one vector per column.
pub struct Design {
    pub columns: Vec<Vec<f64>>,
}

/// What `glm.fit` returns, as far as Farrington uses it.
pub struct Fit {
    pub coefficients: Vec<f64>,
    pub mu: Vec<f64>,
    /// The working weights of the last iteration (`model$weights`).
    pub working_weights: Vec<f64>,
    /// Working residuals (y − μ)/μ at the final μ (`model$residuals`).
    pub residuals: Vec<f64>,
    pub converged: bool,
    pub df_residual: f64,
    /// Diagonal of the hat matrix of the last least-squares step.
    pub hat: Vec<f64>,
    /// R⁻¹ of the last least-squares step: (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ.
    r_inverse: Vec<Vec<f64>>,
}

/// R's log link keeps μ and dμ/dη at least machine epsilon.
fn link_inverse(eta: f64) -> f64 {
    eta.exp().max(f64::EPSILON)
}

fn deviance(y: &[f64], mu: &[f64], weights: &[f64]) -> f64 {
    y.iter()
        .zip(mu)
        .zip(weights)
        .map(|((&y, &mu), &weight)| {
            let log_term = if y > 0.0 { y * (y / mu).ln() } else { 0.0 };
            2.0 * weight * (log_term - (y - mu))
        })
        .sum()
}

impl Design {
    fn rows(&self) -> usize {
        self.columns.first().map_or(0, Vec::len)
    }

    fn linear_predictor(&self, coefficients: &[f64]) -> Vec<f64> {
        (0..self.rows()).map(|i| self.columns.iter().zip(coefficients).map(|(column, c)| column[i] * c).sum()).collect()
    }
}

/// Fits `y ~ design` with prior `weights`. `None` where R would stop with an error or drop an
/// aliased column (a rank-deficient design), which Farrington then reports as `NA`.
pub fn fit(design: &Design, y: &[f64], weights: &[f64]) -> Option<Fit> {
    let n = design.rows();
    let mut eta: Vec<f64> = y.iter().map(|y| (y + 0.1).ln()).collect();
    let mut mu: Vec<f64> = eta.iter().map(|&eta| link_inverse(eta)).collect();
    let mut deviance_old = deviance(y, &mu, weights);
    let mut coefficients_old: Option<Vec<f64>> = None;
    let mut last_step = None;
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        let good: Vec<bool> = weights.iter().map(|&w| w > 0.0).collect();
        let root_weights: Vec<f64> = (0..n).map(|i| (weights[i] * mu[i]).sqrt()).collect();
        let working: Vec<f64> = (0..n).map(|i| eta[i] + (y[i] - mu[i]) / mu[i]).collect();
        let step = LeastSquares::solve(design, &good, &root_weights, &working)?;
        if step.coefficients.iter().any(|c| !c.is_finite()) {
            last_step = Some(step);
            break;
        }
        let mut coefficients = step.coefficients.clone();
        last_step = Some(step);
        eta = design.linear_predictor(&coefficients);
        mu = eta.iter().map(|&eta| link_inverse(eta)).collect();
        let mut deviance_new = deviance(y, &mu, weights);
        let valid = |mu: &[f64], deviance: f64| deviance.is_finite() && mu.iter().all(|m| m.is_finite());
        if !valid(&mu, deviance_new) {
            let old = coefficients_old.as_ref()?;
            for _ in 0..MAX_ITERATIONS {
                coefficients = coefficients.iter().zip(old).map(|(new, old)| (new + old) / 2.0).collect();
                eta = design.linear_predictor(&coefficients);
                mu = eta.iter().map(|&eta| link_inverse(eta)).collect();
                deviance_new = deviance(y, &mu, weights);
                if valid(&mu, deviance_new) {
                    break;
                }
            }
            if !valid(&mu, deviance_new) {
                return None;
            }
        }
        if (deviance_new - deviance_old).abs() / (0.1 + deviance_new.abs()) < EPSILON {
            converged = true;
            coefficients_old = Some(coefficients);
            break;
        }
        deviance_old = deviance_new;
        coefficients_old = Some(coefficients);
    }
    let step = last_step?;
    let coefficients = coefficients_old.unwrap_or_else(|| step.coefficients.clone());
    let observations = weights.iter().filter(|&&w| w > 0.0).count();
    Some(Fit {
        residuals: (0..n).map(|i| (y[i] - mu[i]) / link_inverse(eta[i])).collect(),
        working_weights: step.root_weights.iter().map(|w| w * w).collect(),
        df_residual: observations as f64 - design.columns.len() as f64,
        hat: step.hat(),
        r_inverse: step.r_inverse(),
        coefficients,
        mu,
        converged,
    })
}

impl Fit {
    /// x₀ᵀ(XᵀWX)⁻¹x₀ with the last step's W.
    pub fn unscaled_variance(&self, x0: &[f64]) -> f64 {
        let p = x0.len();
        (0..p).map(|j| (0..=j).map(|i| self.r_inverse[i][j] * x0[i]).sum::<f64>().powi(2)).sum()
    }

    /// Diagonal element j of (XᵀWX)⁻¹.
    pub fn unscaled_coefficient_variance(&self, j: usize) -> f64 {
        self.r_inverse[j].iter().map(|value| value * value).sum()
    }

    /// Σ w r² / df with the given weights and the working residuals (`summary.glm`'s dispersion
    /// when `weights` are `model$weights`).
    pub fn dispersion_with(&self, weights: &[f64]) -> f64 {
        let sum: f64 = weights.iter().zip(&self.residuals).filter(|(&w, _)| w > 0.0).map(|(w, r)| w * r * r).sum();
        sum / self.df_residual
    }
}

/// One weighted least-squares step, kept for the hat values and the covariance of the last one.
struct LeastSquares {
    coefficients: Vec<f64>,
    root_weights: Vec<f64>,
    good: Vec<bool>,
    /// Householder vectors v_j (on rows j..) with vᵀv, then R (upper triangle, by row).
    reflectors: Vec<(Vec<f64>, f64)>,
    r: Vec<Vec<f64>>,
}

impl LeastSquares {
    /// Minimises ‖diag(w)(Xβ − z)‖ over the rows marked good.
    fn solve(design: &Design, good: &[bool], root_weights: &[f64], z: &[f64]) -> Option<LeastSquares> {
        let rows: Vec<usize> = (0..good.len()).filter(|&i| good[i]).collect();
        let p = design.columns.len();
        let mut columns: Vec<Vec<f64>> =
            design.columns.iter().map(|column| rows.iter().map(|&i| column[i] * root_weights[i]).collect()).collect();
        let mut rhs: Vec<f64> = rows.iter().map(|&i| z[i] * root_weights[i]).collect();
        if rows.len() < p {
            return None;
        }
        let mut reflectors = Vec::with_capacity(p);
        for j in 0..p {
            let original = columns[j].iter().map(|x| x * x).sum::<f64>().sqrt();
            let norm = columns[j][j..].iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm.is_nan() || norm <= RANK_TOLERANCE * original {
                return None;
            }
            let alpha = if columns[j][j] >= 0.0 { -norm } else { norm };
            let mut v = columns[j][j..].to_vec();
            v[0] -= alpha;
            let vv: f64 = v.iter().map(|x| x * x).sum();
            for column in columns.iter_mut().skip(j).chain(std::iter::once(&mut rhs)) {
                reflect(&v, vv, &mut column[j..]);
            }
            reflectors.push((v, vv));
        }
        let r: Vec<Vec<f64>> =
            (0..p).map(|i| (0..p).map(|c| if c >= i { columns[c][i] } else { 0.0 }).collect()).collect();
        let coefficients = back_substitute(&r, &rhs[..p]);
        Some(LeastSquares { coefficients, root_weights: root_weights.to_vec(), good: good.to_vec(), reflectors, r })
    }

    /// h_i = Σ_k Q_ik² over the thin Q; 0 for rows left out.
    fn hat(&self) -> Vec<f64> {
        let m = self.good.iter().filter(|&&g| g).count();
        let mut hat_of_good = vec![0.0; m];
        for k in 0..self.reflectors.len() {
            let mut q = vec![0.0; m];
            q[k] = 1.0;
            for (j, (v, vv)) in self.reflectors.iter().enumerate().rev() {
                reflect(v, *vv, &mut q[j..]);
            }
            hat_of_good.iter_mut().zip(&q).for_each(|(h, q)| *h += q * q);
        }
        let mut values = hat_of_good.into_iter();
        self.good.iter().map(|&g| if g { values.next().unwrap_or(0.0) } else { 0.0 }).collect()
    }

    /// R⁻¹ by rows: column c solves R x = e_c.
    fn r_inverse(&self) -> Vec<Vec<f64>> {
        let p = self.r.len();
        let columns: Vec<Vec<f64>> = (0..p)
            .map(|c| back_substitute(&self.r, &(0..p).map(|i| f64::from(u8::from(i == c))).collect::<Vec<_>>()))
            .collect();
        (0..p).map(|i| columns.iter().map(|column| column[i]).collect()).collect()
    }
}

/// Solves R x = b for upper-triangular R.
fn back_substitute(r: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
    let p = r.len();
    let mut x = vec![0.0; p];
    for i in (0..p).rev() {
        let known: f64 = (i + 1..p).map(|c| r[i][c] * x[c]).sum();
        x[i] = (b[i] - known) / r[i][i];
    }
    x
}

/// x ← (I − 2vvᵀ/vᵀv) x.
fn reflect(v: &[f64], vv: f64, x: &mut [f64]) {
    let scale = 2.0 * v.iter().zip(x.iter()).map(|(a, b)| a * b).sum::<f64>() / vv;
    x.iter_mut().zip(v).for_each(|(x, v)| *x -= scale * v);
}
