//! A quasi-Poisson GLM with log link, fitted step by step as R's `glm.fit` does (start at y + 0.1,
//! IRLS with Householder least squares, deviance criterion 1e-8, at most 25 iterations, step
//! halving), because Farrington's answers depend on details such as the last iteration's working
//! weights and how many iterations an all-zero baseline takes to "converge".
//!
//! A fit allocates its buffers once and reuses them in every iteration (Farrington fits up to four
//! models for each of millions of weeks); the arithmetic is the same, in the same order, as a
//! straightforward version's, so the answers are the same to the last bit.

/// `glm.control()`'s defaults.
const EPSILON: f64 = 1e-8;
const MAX_ITERATIONS: usize = 25;
/// `glm.fit`'s tolerance for a negligible column, `min(1e-7, epsilon / 1000)`.
const RANK_TOLERANCE: f64 = 1e-11;

/// The model matrix, stored column after column, with the offset of each row (R's
/// `offset(log(population))`; empty: none).
pub struct Design {
    rows: usize,
    values: Vec<f64>,
    offset: Vec<f64>,
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
    /// R⁻¹ of the last least-squares step by rows (p × p): (XᵀWX)⁻¹ = R⁻¹R⁻ᵀ.
    r_inverse: Vec<f64>,
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
    pub fn new(rows: usize) -> Self {
        Design { rows, values: Vec::with_capacity(rows * 4), offset: Vec::new() }
    }

    /// A known term added to each row's linear predictor, with no coefficient.
    pub fn set_offset(&mut self, offset: Vec<f64>) {
        debug_assert!(offset.is_empty() || offset.len() == self.rows, "an offset has one value per row");
        self.offset = offset;
    }

    fn offset(&self, i: usize) -> f64 {
        self.offset.get(i).copied().unwrap_or(0.0)
    }

    pub fn push_column(&mut self, column: impl IntoIterator<Item = f64>) {
        let before = self.values.len();
        self.values.extend(column);
        debug_assert_eq!(self.values.len() - before, self.rows, "a column has one value per row");
    }

    fn rows(&self) -> usize {
        self.rows
    }

    fn columns(&self) -> usize {
        self.values.len().checked_div(self.rows).unwrap_or(0)
    }

    fn column(&self, j: usize) -> &[f64] {
        &self.values[j * self.rows..(j + 1) * self.rows]
    }

    fn linear_predictor(&self, coefficients: &[f64], eta: &mut [f64]) {
        for (i, eta) in eta.iter_mut().enumerate() {
            let linear: f64 = coefficients
                .iter()
                .enumerate()
                .map(|(c, coefficient)| self.values[c * self.rows + i] * coefficient)
                .sum();
            *eta = linear + self.offset(i);
        }
    }
}

/// μ = g⁻¹(η), and whether μ and the deviance are usable.
fn update_mu(eta: &[f64], mu: &mut [f64]) {
    mu.iter_mut().zip(eta).for_each(|(mu, &eta)| *mu = link_inverse(eta));
}

fn valid(mu: &[f64], deviance: f64) -> bool {
    deviance.is_finite() && mu.iter().all(|m| m.is_finite())
}

/// Fits `y ~ design` (with its offset) with prior `weights`, starting, as `glm.fit` does, from
/// η = log(y + 0.1) whatever the offset. `None` where R would stop with an error or drop an
/// aliased column (a rank-deficient design), which Farrington then reports as `NA`.
pub fn fit(design: &Design, y: &[f64], weights: &[f64]) -> Option<Fit> {
    let (n, p) = (design.rows(), design.columns());
    // An empty design (a reference window with no usable week) has nothing to fit: NA, as R's fit fails.
    if n == 0 || p == 0 {
        return None;
    }
    let mut eta: Vec<f64> = y.iter().map(|y| (y + 0.1).ln()).collect();
    let mut mu = vec![0.0; n];
    update_mu(&eta, &mut mu);
    let mut deviance_old = deviance(y, &mu, weights);
    let mut least_squares = LeastSquares::new(design, weights);
    let mut root_weights = vec![0.0; n];
    let mut working = vec![0.0; n];
    let mut coefficients = vec![0.0; p];
    let mut coefficients_old: Option<Vec<f64>> = None;
    let mut solved = false;
    let mut converged = false;
    for _ in 0..MAX_ITERATIONS {
        for i in 0..n {
            root_weights[i] = (weights[i] * mu[i]).sqrt();
            working[i] = eta[i] - design.offset(i) + (y[i] - mu[i]) / mu[i];
        }
        least_squares.solve(design, &root_weights, &working)?;
        solved = true;
        if least_squares.coefficients.iter().any(|c| !c.is_finite()) {
            break;
        }
        coefficients.copy_from_slice(&least_squares.coefficients);
        design.linear_predictor(&coefficients, &mut eta);
        update_mu(&eta, &mut mu);
        let mut deviance_new = deviance(y, &mu, weights);
        if !valid(&mu, deviance_new) {
            let old = coefficients_old.as_ref()?;
            for _ in 0..MAX_ITERATIONS {
                coefficients.iter_mut().zip(old).for_each(|(new, old)| *new = (*new + old) / 2.0);
                design.linear_predictor(&coefficients, &mut eta);
                update_mu(&eta, &mut mu);
                deviance_new = deviance(y, &mu, weights);
                if valid(&mu, deviance_new) {
                    break;
                }
            }
            if !valid(&mu, deviance_new) {
                return None;
            }
        }
        let old = coefficients_old.get_or_insert_with(|| vec![0.0; p]);
        old.copy_from_slice(&coefficients);
        if (deviance_new - deviance_old).abs() / (0.1 + deviance_new.abs()) < EPSILON {
            converged = true;
            break;
        }
        deviance_old = deviance_new;
    }
    if !solved {
        return None;
    }
    let observations = weights.iter().filter(|&&w| w > 0.0).count();
    // No usable observation (e.g. a reference window of weeks nobody reported) leaves no (XᵀWX)⁻¹:
    // the fit fails, as R's would, and the week's bound is NA instead of a panic.
    let r_inverse = least_squares.r_inverse();
    if r_inverse.len() != p * p {
        return None;
    }
    root_weights.iter_mut().for_each(|w| *w *= *w);
    Some(Fit {
        residuals: (0..n).map(|i| (y[i] - mu[i]) / link_inverse(eta[i])).collect(),
        working_weights: root_weights,
        df_residual: observations as f64 - p as f64,
        hat: least_squares.hat(),
        r_inverse,
        coefficients: coefficients_old.unwrap_or(least_squares.coefficients),
        mu,
        converged,
    })
}

impl Fit {
    fn r_inverse(&self, i: usize, j: usize) -> f64 {
        self.r_inverse[i * self.coefficients.len() + j]
    }

    /// x₀ᵀ(XᵀWX)⁻¹x₀ with the last step's W.
    pub fn unscaled_variance(&self, x0: &[f64]) -> f64 {
        let p = x0.len();
        (0..p).map(|j| (0..=j).map(|i| self.r_inverse(i, j) * x0[i]).sum::<f64>().powi(2)).sum()
    }

    /// Diagonal element j of (XᵀWX)⁻¹.
    pub fn unscaled_coefficient_variance(&self, j: usize) -> f64 {
        let p = self.coefficients.len();
        self.r_inverse[j * p..(j + 1) * p].iter().map(|value| value * value).sum()
    }

    /// Σ w r² / df with the given weights and the working residuals (`summary.glm`'s dispersion
    /// when `weights` are `model$weights`).
    pub fn dispersion_with(&self, weights: &[f64]) -> f64 {
        let sum: f64 = weights.iter().zip(&self.residuals).filter(|(&w, _)| w > 0.0).map(|(w, r)| w * r * r).sum();
        sum / self.df_residual
    }
}

/// Weighted least squares by Householder QR on the rows with a positive prior weight, its buffers
/// reused from one IRLS step to the next; the last step's factors give the hat values and the
/// covariance.
struct LeastSquares {
    /// The rows with a positive prior weight (`good` in `glm.fit`).
    rows: Vec<usize>,
    /// The weighted design on those rows, column after column, reflected in place: its upper
    /// triangle is R.
    a: Vec<f64>,
    rhs: Vec<f64>,
    /// Householder vector j (on rows j.. of the good rows) at `reflectors[j * m..]`, with vᵀv.
    reflectors: Vec<f64>,
    norms: Vec<f64>,
    coefficients: Vec<f64>,
    /// Rows of the design, for the hat values.
    n: usize,
}

impl LeastSquares {
    fn new(design: &Design, weights: &[f64]) -> Self {
        let rows: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0.0).collect();
        let (m, p) = (rows.len(), design.columns());
        LeastSquares {
            a: vec![0.0; m * p],
            rhs: vec![0.0; m],
            reflectors: vec![0.0; m * p],
            norms: vec![0.0; p],
            coefficients: vec![0.0; p],
            n: design.rows(),
            rows,
        }
    }

    /// Minimises ‖diag(w)(Xβ − z)‖ over the good rows; `None` if a column is negligible.
    fn solve(&mut self, design: &Design, root_weights: &[f64], z: &[f64]) -> Option<()> {
        let (m, p) = (self.rows.len(), self.norms.len());
        for j in 0..p {
            let column = design.column(j);
            for (r, &i) in self.rows.iter().enumerate() {
                self.a[j * m + r] = column[i] * root_weights[i];
            }
        }
        for (r, &i) in self.rows.iter().enumerate() {
            self.rhs[r] = z[i] * root_weights[i];
        }
        if m < p {
            return None;
        }
        for j in 0..p {
            let column = &self.a[j * m..(j + 1) * m];
            let original = column.iter().map(|x| x * x).sum::<f64>().sqrt();
            let norm = column[j..].iter().map(|x| x * x).sum::<f64>().sqrt();
            if norm.is_nan() || norm <= RANK_TOLERANCE * original {
                return None;
            }
            let alpha = if column[j] >= 0.0 { -norm } else { norm };
            let v = &mut self.reflectors[j * m..j * m + (m - j)];
            v.copy_from_slice(&column[j..]);
            v[0] -= alpha;
            let vv: f64 = v.iter().map(|x| x * x).sum();
            self.norms[j] = vv;
            for c in j..p {
                reflect(v, vv, &mut self.a[c * m + j..(c + 1) * m]);
            }
            reflect(v, vv, &mut self.rhs[j..]);
        }
        for i in (0..p).rev() {
            let known: f64 = (i + 1..p).map(|c| self.r(i, c) * self.coefficients[c]).sum();
            self.coefficients[i] = (self.rhs[i] - known) / self.r(i, i);
        }
        Some(())
    }

    /// R's element (i, c), c ≥ i.
    fn r(&self, i: usize, c: usize) -> f64 {
        self.a[c * self.rows.len() + i]
    }

    fn reflector(&self, j: usize) -> &[f64] {
        let m = self.rows.len();
        &self.reflectors[j * m..j * m + (m - j)]
    }

    /// h_i = Σ_k Q_ik² over the thin Q; 0 for rows left out.
    fn hat(&self) -> Vec<f64> {
        let (m, p) = (self.rows.len(), self.norms.len());
        let mut hat_of_good = vec![0.0; m];
        let mut q = vec![0.0; m];
        for k in 0..p {
            q.iter_mut().for_each(|q| *q = 0.0);
            q[k] = 1.0;
            for j in (0..p).rev() {
                reflect(self.reflector(j), self.norms[j], &mut q[j..]);
            }
            hat_of_good.iter_mut().zip(&q).for_each(|(h, q)| *h += q * q);
        }
        let mut hat = vec![0.0; self.n];
        for (&i, h) in self.rows.iter().zip(hat_of_good) {
            hat[i] = h;
        }
        hat
    }

    /// R⁻¹ by rows: column c solves R x = e_c.
    fn r_inverse(&self) -> Vec<f64> {
        let p = self.norms.len();
        let mut inverse = vec![0.0; p * p];
        for c in 0..p {
            for i in (0..p).rev() {
                let unit = f64::from(u8::from(i == c));
                let known: f64 = (i + 1..p).map(|k| self.r(i, k) * inverse[k * p + c]).sum();
                inverse[i * p + c] = (unit - known) / self.r(i, i);
            }
        }
        inverse
    }
}

/// x ← (I − 2vvᵀ/vᵀv) x.
fn reflect(v: &[f64], vv: f64, x: &mut [f64]) {
    let scale = 2.0 * v.iter().zip(x.iter()).map(|(a, b)| a * b).sum::<f64>() / vv;
    x.iter_mut().zip(v).for_each(|(x, v)| *x -= scale * v);
}
