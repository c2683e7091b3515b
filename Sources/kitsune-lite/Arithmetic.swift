import KitsuneEmbedded

/// The number system the engine runs in, chosen with `--arithmetic`.
enum Arithmetic: Equatable {
    case float32
    case float64
    case q16

    init(option: String?) throws(ProgramError) {
        switch option {
        case nil: self = Arithmetic.available[0]
        case "float32": self = .float32
        case "float64": self = .float64
        case "q16": self = .q16
        default: throw .usage("--arithmetic must be float32, float64 or q16, not '" + (option ?? "") + "'")
        }
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
