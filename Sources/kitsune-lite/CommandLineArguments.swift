import CSupport

/// The words after the command, split into positional arguments and `--name value` options,
/// checked against what the command accepts.
struct CommandLineArguments {
    var positional: [String] = []
    var options: [(name: String, value: String)] = []
    var flags: [String] = []

    /// Parses `words` given the options that take a value and the flags that do not.
    init(_ words: ArraySlice<String>, valued: [String], flags allowedFlags: [String]) throws(ProgramError) {
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            index += 1
            guard word.startsWithText("--") else {
                positional.append(word)
                continue
            }
            var name = word
            var inlineValue: String? = nil
            if let (before, after) = word.splitText(at: "=") {
                name = before
                inlineValue = after
            }
            if allowedFlags.containsText(name) && inlineValue == nil {
                flags.append(name)
            } else if valued.containsText(name) {
                if let inlineValue {
                    options.append((name, inlineValue))
                } else {
                    guard index < words.endIndex else { throw .usage("option " + name + " needs a value") }
                    options.append((name, words[index]))
                    index += 1
                }
            } else {
                throw .usage("unknown option '" + name + "' (see --help)")
            }
        }
    }

    func has(_ flag: String) -> Bool { flags.containsText(flag) }

    /// The last value given for `name`.
    func value(_ name: String) -> String? {
        options.last { $0.name.isText(name) }?.value
    }

    /// A whole-number option within its range (`OptionRanges`), or `fallback` if not given.
    func wholeNumber(_ name: String, default fallback: Int64) throws(ProgramError) -> Int64 {
        guard let text = value(name) else { return fallback }
        guard let range = OptionRanges.whole(name) else { preconditionFailure("an option without a range") }
        guard let number = Int64(text), number >= range.lowest, number <= range.highest else {
            throw .usage(name + " needs a whole number from " + describe(range.lowest) + " to " + describe(range.highest)
                + ", not '" + text + "'")
        }
        return number
    }

    /// The same, for an option whose range fits every build's `Int` (`OptionRanges.largestCount`).
    func integer(_ name: String, default fallback: Int) throws(ProgramError) -> Int {
        Int(truncatingIfNeeded: try wholeNumber(name, default: Int64(fallback)))
    }

    /// A real-number option within its range (`OptionRanges`), or `fallback` if not given.
    func real(_ name: String, default fallback: Double) throws(ProgramError) -> Double {
        guard let text = value(name) else { return fallback }
        guard let range = OptionRanges.real(name) else { preconditionFailure("an option without a range") }
        var number = 0.0
        let status = ks_parse_double(text, &number)
        let inRange = (number > range.lowest || (range.includesLowest && number == range.lowest)) && number <= range.highest
        guard status == 0, number.isFinite, inRange else {
            var line = TextBuffer()
            line.append(name)
            line.append(" needs a number ")
            line.append(range.includesLowest ? "from " : "above ")
            line.append(general: range.lowest, digits: 6)
            line.append(" to ")
            line.append(general: range.highest, digits: 6)
            line.append(", not '")
            line.append(text)
            line.append("'")
            throw .usage(String(decoding: line.bytes, as: UTF8.self))
        }
        return number
    }

    /// The single capture argument of a command.
    func capturePath(command: String) throws(ProgramError) -> String {
        guard positional.count == 1 else {
            throw .usage(positional.isEmpty
                ? command + " needs a capture file (see kitsune-lite " + command + " --help)"
                : command + " takes one capture file, not " + describe(positional.count))
        }
        return positional[0]
    }
}

func describe(_ number: Int) -> String { describe(Int64(number)) }

@inline(never)
func describe(_ number: Int64) -> String {
    var text = TextBuffer()
    text.append(decimal: number)
    return String(decoding: text.bytes, as: UTF8.self)
}
