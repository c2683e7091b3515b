/// The number system the engine runs in, chosen with `--arithmetic`.
enum Arithmetic {
    case float32
    case float64

    init(option: String?) throws(ProgramError) {
        switch option {
        case nil, "float32": self = .float32
        case "float64": self = .float64
        default: throw .usage("--arithmetic must be float32 or float64, not '" + (option ?? "") + "'")
        }
    }

    /// Significant digits that identify a value of this arithmetic uniquely.
    var significantDigits: Int {
        switch self {
        case .float32: return 9
        case .float64: return 17
        }
    }
}
