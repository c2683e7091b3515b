/// Two equivalent ways to keep a damped stream's statistics.
public enum DampedStatisticsForm: Sendable {
    /// The reference's sums: `CF1 = Σ v`, `CF2 = Σ v²`, `w`, each damped; `var = |CF2/w - mean²|`.
    /// Reproduces the reference bit for bit in float64, including the rounding noise of that
    /// difference when the variance is small next to the mean (packets of one size).
    case referenceSums
    /// The centred form: `mean`, `M2 = w·var` and `w`, updated as West's weighted Welford
    /// algorithm (`w += 1; δ = v - mean; mean += δ/w; M2 += δ·(v - mean)`), with only `M2` and
    /// `w` damped. The same mathematics, but no cancellation: a variance stays accurate in
    /// float32, and no quantity grows with the square of packet sizes (fixed point).
    case centred
}
