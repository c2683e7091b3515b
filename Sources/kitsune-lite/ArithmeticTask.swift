import KitsuneEmbedded

/// Work to run in the arithmetic chosen at run time, specialised for it at compile time.
///
/// Every command that runs the engine goes through `Arithmetic.run`, the one place that names
/// the number types, so that a router build can leave out the arithmetics its board does not use
/// (`-D KITSUNE_NO_FLOAT32`, `KITSUNE_NO_FLOAT64`, `KITSUNE_NO_Q16`): each arithmetic adds the
/// engine and the commands specialised once more, about 100 KB of aarch64 code.
protocol ArithmeticTask {
    associatedtype Output
    func run<Scalar: KitsuneScalar>(_ scalar: Scalar.Type, _ arithmetic: Arithmetic) throws(ProgramError) -> Output
}

extension Arithmetic {
    /// The arithmetics this build has, the default first.
    static var available: [Arithmetic] {
        var all: [Arithmetic] = []
        #if !KITSUNE_NO_FLOAT32
        all.append(.float32)
        #endif
        #if !KITSUNE_NO_Q16
        all.append(.q16)
        #endif
        #if !KITSUNE_NO_FLOAT64
        all.append(.float64)
        #endif
        return all
    }

    func run<Task: ArithmeticTask>(_ task: Task) throws(ProgramError) -> Task.Output {
        switch self {
        case .float32:
            #if !KITSUNE_NO_FLOAT32
            return try task.run(Float.self, self)
            #endif
        case .float64:
            #if !KITSUNE_NO_FLOAT64
            return try task.run(Double.self, self)
            #endif
        case .q16:
            #if !KITSUNE_NO_Q16
            return try task.run(Q16.self, self)
            #endif
        }
        throw unavailable
    }

    /// The refusal of an arithmetic this build left out. Not in `run`: every task's copy of it
    /// would carry this text's code once more (about 1 KB each in a router's binary).
    @inline(never)
    var unavailable: ProgramError {
        var names = ""
        for other in Self.available { names += (names.isEmpty ? "" : ", ") + text(other.name) }
        return .usage("this build of kitsune-lite has no " + text(name) + " (a router build has its board's arithmetic: "
            + names + ")")
    }
}
