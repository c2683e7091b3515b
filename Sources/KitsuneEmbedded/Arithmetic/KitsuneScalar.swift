/// The arithmetic the Kitsune engine runs in: KitNET computes in this type, AfterImage and the
/// feature mapper in its `Accumulator`, and models store it.
///
/// The engine is generic over this protocol and uses nothing else, so that one source serves
/// three number systems:
/// - `Double`: the reference-check mode, reproducing the Python reference;
/// - `Float`: the default on routers (AfterImage in `PortableDouble`);
/// - `Q16`: Q16.16 fixed point, integer-only, the same bits on every architecture (AfterImage in
///   `Fixed64`).
///
/// The numbers themselves (`FixedPoint`) know nothing of the engine; this protocol holds what the
/// engine decides about them: the accumulator, how features are narrowed into this type, how a
/// model file stores it, and KitNET's kernels (the normaliser and a layer's product).
public protocol KitsuneScalar: LogisticFunction {
    /// The type AfterImage keeps its statistics in when the engine runs in this arithmetic.
    ///
    /// A damped variance is a small difference of large sums, and KitNET normalises every
    /// feature by its observed range, so a feature's rounding noise becomes its signal: float32
    /// sums would make different noise than the reference's float64 sums and change the scores
    /// (a Spearman correlation of 0.945 with the reference instead of 0.9999 on dev.pcap).
    /// Float32 therefore keeps AfterImage's sums in float64 and runs KitNET in float32.
    associatedtype Accumulator: AccumulatorScalar
    /// The nearest value of this type to an accumulated one.
    init(narrowing value: Accumulator)
    /// The nearest value to `value / 2^droppingBits`: a feature column narrowed into a type
    /// whose range cannot hold its unit (Q16 ends at 32767; a variance of packet sizes reaches
    /// 5.7e5). KitNET normalises every column by its observed range, and correlation is free of
    /// scale, so the scale changes nothing they compute; a type with the range keeps the unit.
    init(narrowing value: Accumulator, droppingBits: Int)
    /// This value, exactly, in the accumulator type (for the feature mapper's running sums).
    var widened: Accumulator { get }

    /// How a model file stores values of this type: a tag naming the arithmetic, the bytes per
    /// value, and the bits (the IEEE bit pattern, or a fixed-point raw integer), little-endian.
    static var modelTag: UInt8 { get }
    static var storedByteCount: Int { get }
    var storedBits: UInt64 { get }
    init(storedBits: UInt64)

    /// Whether the arithmetic saturates where floating point would overflow (fixed point): its
    /// saturations are then counted (`Saturations`) and reported.
    static var saturates: Bool { get }

    /// KitNET's normalised input `(x - min) / (max - min + ε)` (the reference's `dA`), limited
    /// to ±`normalisedLimit`: a quotient beyond it, or none at all (NaN, from an infinite feature
    /// or range), is taken as the limit of its sign (NaN: the upper one, as far from normal as
    /// can be) and adds 1 to `limited`.
    static func normalised(_ x: Self, minimum: Self, maximum: Self, epsilon: Self, limited: inout Int64) -> Self

    /// The largest normalised input. With every input within it, an autoencoder's sums and
    /// squares stay finite, so no score is ever infinite or NaN: floating point limits only what
    /// no real traffic reaches (a feature 2^50 or 2^480 times its training range: a crafted
    /// capture, a century's jump in time, autoencoders trained on a handful of packets), and
    /// reproduces the reference wherever the reference's own scores are finite; Q16 limits at
    /// 32, the most its 16 integer bits hold through a layer (see `Q16.normalised`).
    static var normalisedLimit: Self { get }

    /// The largest weight or bias a model file may hold. With every input within
    /// `normalisedLimit` and every parameter within this, a layer's sums stay finite over up to
    /// 2^16 inputs, so a model file changed past its checksum cannot make a score NaN (an
    /// infinite sum of each sign). No training comes near it.
    static var largestParameter: Self { get }

    /// `values[k] = normalised(values[k], minima[k], maxima[k])` for k < count, counting the
    /// limited ones in `limited`: a layer's inputs. (Vector arithmetics read up to
    /// `KitNET.vectorSlack` elements past `count` in each buffer, and may write them in `values`.)
    static func normalise(_ values: UnsafeMutablePointer<Self>, minima: UnsafePointer<Self>, maxima: UnsafePointer<Self>,
                          count: Int, epsilon: Self, limited: inout Int64)

    /// `units[k] = σ(units[k] + biases[k])` for k < count: a layer's activation. One logistic
    /// at a time unless the arithmetic has a vector form (float32).
    static func activate(_ units: UnsafeMutablePointer<Self>, biases: UnsafePointer<Self>, count: Int)

    /// `sums[j] = Σ_i vector[i] · matrix[i·columns + j]` for j < columns, i < rows: an
    /// autoencoder's layer. `transposed` holds the same matrix transposed (`[j·rows + i]`).
    static func multiply(_ vector: UnsafePointer<Self>, rows: Int, by matrix: UnsafePointer<Self>,
                         transposed: UnsafePointer<Self>, columns: Int, into sums: UnsafeMutablePointer<Self>)

    /// `matrix[i·columns + j] += rate · (a[i]·b[j] + c[i]·d[j])` for i < rows, j < columns, and
    /// the same value in `transposed[j·rows + i]`: a step of gradient descent on tied weights.
    static func addGradient(to matrix: UnsafeMutablePointer<Self>, transposed: UnsafeMutablePointer<Self>, rows: Int,
                            columns: Int, rate: Self, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>,
                            _ c: UnsafePointer<Self>, _ d: UnsafePointer<Self>)

    // A bundle's kernels (`AutoencoderBundle`): every element is `AutoencoderBundle.lanes` values
    // side by side, one per autoencoder, element (i, j) of a matrix at `(i·columns + j)·lanes`
    // and element i of a vector at `i·lanes`; each lane computes exactly what `multiply` and
    // `addGradient` compute for its autoencoder alone.

    /// `sums[j] = Σ_i vector[i] · matrix[i][j]` for j < columns, lane by lane: a bundle's
    /// hidden layer (and its hidden units' errors).
    static func multiplyLanes(_ vector: UnsafePointer<Self>, rows: Int, byColumnsOf matrix: UnsafePointer<Self>,
                              columns: Int, into sums: UnsafeMutablePointer<Self>)

    /// `sums[i] = Σ_j vector[j] · matrix[i][j]` for i < rows, lane by lane: a bundle's
    /// reconstruction through the tied weights.
    static func multiplyLanes(_ vector: UnsafePointer<Self>, columns: Int, byRowsOf matrix: UnsafePointer<Self>,
                              rows: Int, into sums: UnsafeMutablePointer<Self>)

    /// `values[i][l] = minuends[i][l] - values[i][l]` for i < rows and each lane l: a bundle's
    /// residuals, in place of its reconstruction.
    static func subtractLanes(_ values: UnsafeMutablePointer<Self>, from minuends: UnsafePointer<Self>, rows: Int)

    /// `sums[l] = Σ_i vector[i][l]²` for each lane l, the rows in order: a bundle's squared
    /// reconstruction errors.
    static func sumOfSquaresLanes(_ vector: UnsafePointer<Self>, rows: Int, into sums: UnsafeMutablePointer<Self>)

    /// `matrix[i][j] += rate · (a[i]·b[j] + c[i]·d[j])` for i < rows, j < columns, lane by lane:
    /// a bundle's step of gradient descent.
    static func addGradientLanes(to matrix: UnsafeMutablePointer<Self>, rows: Int, columns: Int, rate: Self,
                                 _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafePointer<Self>,
                                 _ d: UnsafePointer<Self>)
}

extension KitsuneScalar {
    @inlinable
    public static var saturates: Bool { false }

    /// Floating point has the range for every feature's unit: the scale is not applied.
    @inlinable @inline(__always)
    public init(narrowing value: Accumulator, droppingBits: Int) { self.init(narrowing: value) }

    @inlinable @inline(__always)
    public static func normalised(_ x: Self, minimum: Self, maximum: Self, epsilon: Self,
                                  limited: inout Int64) -> Self {
        let quotient = (x - minimum) / (maximum - minimum + epsilon)
        // NaN fails this comparison too.
        if quotient.magnitude <= normalisedLimit { return quotient }
        limited &+= 1
        return quotient < .zero ? -normalisedLimit : normalisedLimit
    }

    @inlinable
    public static func normalise(_ values: UnsafeMutablePointer<Self>, minima: UnsafePointer<Self>,
                                 maxima: UnsafePointer<Self>, count: Int, epsilon: Self, limited: inout Int64) {
        for k in 0..<count {
            values[k] = normalised(values[k], minimum: minima[k], maximum: maxima[k], epsilon: epsilon, limited: &limited)
        }
    }

    @inlinable
    public static func activate(_ units: UnsafeMutablePointer<Self>, biases: UnsafePointer<Self>, count: Int) {
        for k in 0..<count { units[k] = logistic(units[k] + biases[k]) }
    }

    /// Floating point adds each rounded product in the order of `i`, as the reference's column
    /// walk does, but runs along the matrix's rows so that it reads memory in order and
    /// vectorises over `j`.
    @inlinable
    public static func multiply(_ vector: UnsafePointer<Self>, rows: Int, by matrix: UnsafePointer<Self>,
                                transposed: UnsafePointer<Self>, columns: Int, into sums: UnsafeMutablePointer<Self>) {
        for j in 0..<columns { sums[j] = .zero }
        for i in 0..<rows {
            let value = vector[i]
            let row = matrix + i * columns
            for j in 0..<columns { sums[j] += value * row[j] }
        }
    }

    /// Floating point adds each lane's rounded products in the order of `i`, as `multiply` does.
    @inlinable
    public static func multiplyLanes(_ vector: UnsafePointer<Self>, rows: Int, byColumnsOf matrix: UnsafePointer<Self>,
                                     columns: Int, into sums: UnsafeMutablePointer<Self>) {
        let lanes = AutoencoderBundle.lanes
        for k in 0..<(columns * lanes) { sums[k] = .zero }
        for i in 0..<rows {
            let value = vector + i * lanes
            let row = matrix + i * columns * lanes
            for j in 0..<columns {
                for lane in 0..<lanes { sums[j * lanes + lane] += value[lane] * row[j * lanes + lane] }
            }
        }
    }

    @inlinable
    public static func multiplyLanes(_ vector: UnsafePointer<Self>, columns: Int, byRowsOf matrix: UnsafePointer<Self>,
                                     rows: Int, into sums: UnsafeMutablePointer<Self>) {
        let lanes = AutoencoderBundle.lanes
        for i in 0..<rows {
            let row = matrix + i * columns * lanes
            for lane in 0..<lanes {
                var sum = Self.zero
                for j in 0..<columns { sum += vector[j * lanes + lane] * row[j * lanes + lane] }
                sums[i * lanes + lane] = sum
            }
        }
    }

    @inlinable
    public static func subtractLanes(_ values: UnsafeMutablePointer<Self>, from minuends: UnsafePointer<Self>, rows: Int) {
        for unit in 0..<rows * AutoencoderBundle.lanes { values[unit] = minuends[unit] - values[unit] }
    }

    @inlinable
    public static func sumOfSquaresLanes(_ vector: UnsafePointer<Self>, rows: Int, into sums: UnsafeMutablePointer<Self>) {
        let lanes = AutoencoderBundle.lanes
        for lane in 0..<lanes {
            var sum = Self.zero
            for i in 0..<rows {
                let value = vector[i * lanes + lane]
                sum += value * value
            }
            sums[lane] = sum
        }
    }

    @inlinable
    public static func addGradientLanes(to matrix: UnsafeMutablePointer<Self>, rows: Int, columns: Int, rate: Self,
                                        _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ c: UnsafePointer<Self>,
                                        _ d: UnsafePointer<Self>) {
        let lanes = AutoencoderBundle.lanes
        for i in 0..<rows {
            let row = matrix + i * columns * lanes
            for j in 0..<columns {
                for lane in 0..<lanes {
                    let at = j * lanes + lane
                    row[at] = row[at] + rate * (a[i * lanes + lane] * b[at] + c[i * lanes + lane] * d[at])
                }
            }
        }
    }

    @inlinable
    public static func addGradient(to matrix: UnsafeMutablePointer<Self>, transposed: UnsafeMutablePointer<Self>,
                                   rows: Int, columns: Int, rate: Self, _ a: UnsafePointer<Self>,
                                   _ b: UnsafePointer<Self>, _ c: UnsafePointer<Self>, _ d: UnsafePointer<Self>) {
        for i in 0..<rows {
            let row = matrix + i * columns
            for j in 0..<columns {
                let updated = row[j] + rate * (a[i] * b[j] + c[i] * d[j])
                row[j] = updated
                transposed[j * rows + i] = updated
            }
        }
    }
}
