#if !KITSUNE_ROUTER
import CSupport

/// Reads a feature map: a JSON array of arrays of feature indices, as the reference's
/// `feature-map.json`. Only that shape is accepted.
enum FeatureMapFile {
    static let sizeLimit = 1 << 20

    static func read(_ path: String) throws(ProgramError) -> [[Int]] {
        var count = 0
        guard let data = ks_read_file(path, sizeLimit, &count) else {
            throw .usage("cannot read feature map '" + path + "': " + String(cString: ks_error_text()))
        }
        defer { free(data) }
        guard let map = parse(UnsafeBufferPointer(start: data, count: count)) else {
            throw .usage("feature map '" + path + "' is not a JSON list of lists of feature indices")
        }
        return map
    }

    /// Parses `[[1, 2], [3]]`; nil for anything else.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> [[Int]]? {
        var position = 0
        func skipSpace() {
            while position < bytes.count,
                  bytes[position] == 0x20 || bytes[position] == 0x0A || bytes[position] == 0x0D || bytes[position] == 0x09 {
                position += 1
            }
        }
        func expect(_ byte: UInt8) -> Bool {
            skipSpace()
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
            return true
        }
        func peek(_ byte: UInt8) -> Bool {
            skipSpace()
            return position < bytes.count && bytes[position] == byte
        }
        func integer() -> Int? {
            skipSpace()
            var value = 0, digits = 0
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39, digits < 9 {
                value = value * 10 + Int(bytes[position] - 0x30)
                position += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard expect(UInt8(ascii: "[")) else { return nil }
        var map: [[Int]] = []
        if !expect(UInt8(ascii: "]")) {
            repeat {
                guard expect(UInt8(ascii: "[")) else { return nil }
                var group: [Int] = []
                if !peek(UInt8(ascii: "]")) {
                    repeat {
                        guard let value = integer() else { return nil }
                        group.append(value)
                    } while expect(UInt8(ascii: ","))
                }
                guard expect(UInt8(ascii: "]")) else { return nil }
                map.append(group)
            } while expect(UInt8(ascii: ","))
            guard expect(UInt8(ascii: "]")) else { return nil }
        }
        skipSpace()
        return position == bytes.count ? map : nil
    }
}
#endif
