// `kitsune-lite features dev.pcap --arithmetic float64` against the reference's 100 features
// per packet (`dev/reference/features.f64.gz`).

import Foundation
import Testing

@Suite struct FeatureFidelityTests {
    static let columns = 100

    @Test func float64FeaturesOfDevCaptureMatchReference() throws {
        let pcap = try Locations.devPcap()
        let referenceData = try readGzip(try Locations.devFile("reference/features.f64.gz"))
        let names = (try? String(contentsOf: try Locations.devFile("reference/features-header.txt"), encoding: .utf8))
            .map { $0.split(whereSeparator: \.isNewline).map(String.init) } ?? []

        let tmp = try TempDir()
        defer { tmp.remove() }
        let out = tmp.file("features.f64")
        let run = try runKitsune(["features", pcap.path, "--features", "reference", "--arithmetic", "float64",
                                  "--out", out.path])
        try #require(run.exitedNormally && run.status == 0, "features failed: \(run)")
        let data = try Data(contentsOf: out)

        #expect(referenceData.count == 66_935 * Self.columns * 8, "reference is \(referenceData.count) bytes")
        #expect(
            data.count == referenceData.count,
            "features output is \(data.count) bytes (\(Double(data.count) / 800) rows), reference \(referenceData.count) bytes (\(referenceData.count / 800) rows)")

        let got = float64Values(data)
        let expected = float64Values(referenceData)
        let compared = min(got.count, expected.count)
        var close = 0, identical = 0
        var perColumn = [Int](repeating: 0, count: Self.columns)
        var firstMismatch = [(row: Int, got: Double, expected: Double)?](repeating: nil, count: Self.columns)
        for i in 0..<compared {
            if got[i].bitPattern == expected[i].bitPattern { identical += 1 }
            if isClose(got[i], expected[i], relative: 1e-9, absolute: 1e-9) {
                close += 1
            } else {
                let column = i % Self.columns
                perColumn[column] += 1
                if firstMismatch[column] == nil {
                    firstMismatch[column] = (i / Self.columns, got[i], expected[i])
                }
            }
        }
        let total = expected.count
        let worst = perColumn.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }
            .prefix(12)
            .map { column, count -> String in
                let name = column < names.count ? names[column] : "?"
                var text = "col \(column) \(name): \(count) mismatches"
                if let m = firstMismatch[column] {
                    text += " (first at packet \(m.row + 1): got \(m.got), expected \(m.expected))"
                }
                return text
            }
        let badColumns = perColumn.filter { $0 > 0 }.count
        print("[kitsune-lite tests] float64 features: \(close)/\(total) values within 1e-9, \(identical) bit-identical")
        // The README's claim: every one of the 6,693,500 values within 1e-9 of the reference's.
        #expect(
            close == total && total == 66_935 * Self.columns,
            "only \(close) of \(total) values (\(percent(close, total))) within 1e-9 relative or absolute; \(badColumns) columns have mismatches; worst:\n\(worst.joined(separator: "\n"))"
        )
        // And its other claim: 97% of them bit for bit.
        #expect(Double(identical) >= 0.97 * Double(total), "\(identical) of \(total) bit-identical; the README says 97%")
    }
}
