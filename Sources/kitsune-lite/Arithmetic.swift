import KitsuneEmbedded

/// The number system the engine runs in, chosen with `--arithmetic`.
enum Arithmetic: Equatable, CaseIterable {
    case float32
    case float64
    case q16

    init(option: String?) throws(ProgramError) {
        guard let option else {
            self = Arithmetic.available[0]
            return
        }
        for arithmetic in Arithmetic.allCases where option.isText(text(arithmetic.name)) {
            self = arithmetic
            return
        }
        throw .usage("--arithmetic must be float32, float64 or q16, not '" + option + "'")
    }

    /// The name `--arithmetic` takes.
    var name: StaticString {
        switch self {
        case .float32: return "float32"
        case .float64: return "float64"
        case .q16: return "q16"
        }
    }

    /// The tag of models in this arithmetic.
    var modelTag: UInt8 {
        switch self {
        case .float32: return Float.modelTag
        case .float64: return Double.modelTag
        case .q16: return Q16.modelTag
        }
    }

    /// Significant digits that identify a value of this arithmetic uniquely.
    var significantDigits: Int {
        switch self {
        case .float32: return 9
        case .float64: return 17
        // 2^-16 steps below 32768: five decimals are exact.
        case .q16: return 10
        }
    }
}
