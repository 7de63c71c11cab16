/// The natural logarithm, the exponential and powers of positive numbers in plain Swift: the
/// domain imports nothing, not even the C maths library (docs/architecture.md). Range reduction
/// to a mantissa near 1 (logarithm) or an argument within ±ln 2 / 2 (exponential), then series
/// that converge in a few dozen terms; accurate to a few units in the last place, which the
/// progress measure's cross-check against sdg-build (1e-12) holds to.
public enum RealFunctions {
    public static let ln2 = 0.693147180559945309417232121458176568

    /// ln x for x > 0; −∞ at 0; NaN below 0 or for NaN; +∞ for +∞.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return .infinity }
        // x = m · 2^k with m in [1, 2), then m moved to [√½, √2) so the series' argument is small.
        var k = Double(x.exponent), m = x.significand
        if m > 1.4142135623730951 { m /= 2; k += 1 }
        // ln m = 2 · atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.172: z + z³/3 + z⁵/5 + …
        let z = (m - 1) / (m + 1), z2 = z * z
        var power = z, sum = 0.0, n = 1.0
        while true {
            let term = power / n
            sum += term
            if abs(term) <= abs(sum) * 1e-17 || n > 200 { break }
            power *= z2
            n += 2
        }
        return 2 * sum + k * ln2
    }

    /// eˣ; 0 far below and +∞ far above what a Double holds.
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x > 709.79 { return .infinity }
        if x < -745.2 { return 0 }
        // eˣ = 2^k · eʳ with r = x − k ln 2, |r| ≤ ln 2 / 2: 1 + r + r²/2! + …
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0, sum = 1.0, n = 1.0
        while abs(term) > abs(sum) * 1e-17, n < 200 {
            term *= r / n
            sum += term
            n += 1
        }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }

    /// xʸ for x ≥ 0 (0ʸ is 0 for y > 0, 1 for y = 0); NaN for a negative base, as C's `pow` gives
    /// for a non-integer exponent.
    public static func pow(_ x: Double, _ y: Double) -> Double {
        if x.isNaN || y.isNaN || x < 0 { return .nan }
        if y == 0 { return 1 }
        if x == 0 { return y > 0 ? 0 : .infinity }
        return exp(y * log(x))
    }
}
