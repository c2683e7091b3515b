// libFuzzer target: bytes as command-line words (split at NUL bytes) for the option parsers of
// train, score and detect, then the configuration they make and its memory plan (what
// `kitsune-lite plan` prints), and the feature-map parser on the same bytes. Parsing only: no
// file is opened or written, whatever the words say. A bad value must be a usage error
// (ProgramError), never a trap.
import FixedPoint
import KitsuneEmbedded

let parsedReals = ["--learning-rate", "--hidden-ratio", "--false-alarm-rate", "--threshold", "--seconds", "--warmup",
                   "--alert-window", "--incident-quiet", "--alert-rate"]
let parsedWholes = ["--calibration", "--packets", "--snaplen", "--capture-buffer", "--from-packet"]

@inline(never)
func parse<Scalar: KitsuneScalar>(_ words: ArraySlice<String>, _: Scalar.Type) throws(ProgramError) {
    let valued = EngineOptions.tableValued + ["--arithmetic", "--features", "--max-ae", "--fm-grace", "--ad-grace",
                                              "--learning-rate", "--hidden-ratio"] + parsedReals + parsedWholes
    let arguments = try CommandLineArguments(words, valued: valued, flags: ["--help", "--syslog", "--keep-learning"])
    for name in parsedReals { _ = try arguments.real(name, default: 1) }
    for name in parsedWholes { _ = try arguments.wholeNumber(name, default: 1) }
    _ = try EngineOptions.budget(arguments)
    let configuration = try EngineOptions.configuration(arguments, for: Scalar.self, kitNET: try EngineOptions.kitNET(arguments))
    precondition(configuration.problem == nil)
    _ = Kitsune<Scalar>.memoryPlan(configuration).totalBytes
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOptions(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = FeatureMapFile.parse(bytes)
    var words: [String] = []
    for part in bytes.split(separator: 0, omittingEmptySubsequences: false) {
        words.append(String(decoding: part, as: UTF8.self))
    }
    do throws(ProgramError) {
        if size & 1 == 0 { try parse(words[...], Float.self) } else { try parse(words[...], Q16.self) }
    } catch {
        precondition(error.status == 2 && !error.message.isEmpty, "an option error that is not a usage error")
    }
    return 0
}
