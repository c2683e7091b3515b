/// Comparisons of command-line text by its UTF-8 bytes.
///
/// Swift's `String ==`, `hasPrefix` and `Character` searches compare by Unicode canonical
/// equivalence and grapheme clusters, which links the standard library's normalisation and
/// grapheme tables and their code into the binary: about 40 KB of a router build. Option names,
/// commands and the values compared here are ASCII, for which bytes are the same answer.
extension String {
    func isText(_ other: String) -> Bool { utf8.elementsEqual(other.utf8) }

    func startsWithText(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }

    func endsWithText(_ suffix: String) -> Bool {
        utf8.count >= suffix.utf8.count && utf8.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }

    /// The text before and after the first (or last) `separator` byte, or nil without one.
    func splitText(at separator: Unicode.Scalar, last: Bool = false) -> (before: String, after: String)? {
        let byte = UInt8(ascii: separator)
        guard let index = last ? utf8.lastIndex(of: byte) : utf8.firstIndex(of: byte) else { return nil }
        return (String(decoding: utf8[..<index], as: UTF8.self),
                String(decoding: utf8[utf8.index(after: index)...], as: UTF8.self))
    }

    /// Without its first `leading` and last `trailing` bytes.
    func droppingBytes(leading: Int = 0, trailing: Int = 0) -> String {
        String(decoding: utf8.dropFirst(leading).dropLast(trailing), as: UTF8.self)
    }
}

extension Array where Element == String {
    func containsText(_ text: String) -> Bool { contains { $0.isText(text) } }
}
