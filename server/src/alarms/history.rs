//! What the detection run writes in an alarm's history when it withdraws or reopens the alarm: the
//! week's count now against the method's bound, so that whoever reads it sees why.

/// The week, evaluated again, no longer exceeds: `bound` is `None` where the method now sets none
/// (Farrington's fewer than five cases in four weeks).
pub fn withdrawal(observed: u32, bound: Option<f64>) -> String {
    let bound = bound.map_or_else(|| "なし".to_owned(), |bound| format!("{bound:.2}"));
    format!("週の再評価で上限値を超えなくなったため取り消しました（報告数 {observed}、上限値 {bound}）。")
}

/// The week of a withdrawn alarm exceeds again.
pub fn reopening(observed: u32, bound: f64) -> String {
    format!("週の再評価で再び上限値を超えたため未対応に戻しました（報告数 {observed}、上限値 {bound:.2}）。")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_says_the_count_and_the_bound_or_that_there_is_none() {
        assert!(withdrawal(2, Some(2.5)).contains("報告数 2、上限値 2.50"));
        assert!(withdrawal(1, None).contains("報告数 1、上限値 なし"));
        assert!(reopening(7, 3.127).contains("報告数 7、上限値 3.13"));
    }
}
