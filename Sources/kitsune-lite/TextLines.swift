#if !KITSUNE_ROUTER
import CSupport

/// A text file read whole and split into lines and fields: the inputs of `eval` and `report`
/// (scores, labels, attacks, EVE alerts). Host tools only.
struct TextLines {
    let path: String
    let bytes: [UInt8]
    /// Each line's bytes, without its line ending; a last empty line is not one.
    private(set) var lines: [Range<Int>] = []

    static let sizeLimit = 1 << 30

    init(path: String, what: StaticString) throws(ProgramError) {
        self.path = path
        var count = 0
        guard let data = ks_read_file(path, Self.sizeLimit, &count) else {
            throw .usage("cannot read " + text(what) + " '" + path + "': " + String(cString: ks_error_text()))
        }
        bytes = Array(UnsafeBufferPointer(start: data, count: count))
        free(data)
        if bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B {
            throw .usage(text(what) + " '" + path + "' is compressed (gzip): decompress it first")
        }
        var start = 0
        for index in 0..<bytes.count where bytes[index] == 0x0A {
            var end = index
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            lines.append(start..<end)
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
    }

    var count: Int { lines.count }

    /// The lines up to the last that is not blank: trailing blank lines are no data.
    var contentCount: Int {
        var end = lines.count
        while end > 0 && isEmpty(end - 1) { end -= 1 }
        return end
    }

    /// `range` without the spaces and tabs around it.
    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var trimmed = range
        while !trimmed.isEmpty && (bytes[trimmed.lowerBound] == 0x20 || bytes[trimmed.lowerBound] == 0x09) {
            trimmed = (trimmed.lowerBound + 1)..<trimmed.upperBound
        }
        while !trimmed.isEmpty && (bytes[trimmed.upperBound - 1] == 0x20 || bytes[trimmed.upperBound - 1] == 0x09) {
            trimmed = trimmed.lowerBound..<(trimmed.upperBound - 1)
        }
        return trimmed
    }

    /// The fields of line `index`, split at `separator`.
    func fields(_ index: Int, separator: UInt8 = 0x2C) -> [Range<Int>] {
        let line = lines[index]
        var fields: [Range<Int>] = []
        var start = line.lowerBound
        for position in line where bytes[position] == separator {
            fields.append(start..<position)
            start = position + 1
        }
        fields.append(start..<line.upperBound)
        return fields
    }

    func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    func isText(_ range: Range<Int>, _ expected: StaticString) -> Bool {
        expected.withUTF8Buffer { bytes[range].elementsEqual($0) }
    }

    func isEmpty(_ index: Int) -> Bool {
        lines[index].allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 }
    }

    /// A decimal number, `inf` or `-inf`; nil for anything else (NaN included: it has no rank).
    func number(_ range: Range<Int>) -> Double? {
        let trimmed = self.trimmed(range)
        if isText(trimmed, "inf") || isText(trimmed, "+inf") { return .infinity }
        if isText(trimmed, "-inf") { return -.infinity }
        guard !trimmed.isEmpty, trimmed.count < 64 else { return nil }
        var scratch = [CChar](repeating: 0, count: trimmed.count + 1)
        for (offset, position) in trimmed.enumerated() { scratch[offset] = CChar(bitPattern: bytes[position]) }
        var value = 0.0
        return ks_parse_double(scratch, &value) == 0 ? value : nil
    }

    /// "FILE line N: " for an error about line `index`.
    func place(_ index: Int) -> String { "'" + path + "' line " + describe(index + 1) + ": " }
}
#endif
