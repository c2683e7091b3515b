// The small C functions that replace the C library's scanning in router builds
// (Sources/CSupport/minimal_scan.c), compiled with the host's compiler and checked against the
// host's C library by Tests/C/minimal_scan_test.c.

import Foundation
import Testing

struct MinimalScanTests {
    @Test func integerScanningAndDecimalParsingAgreeWithTheCLibrary() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let root = Locations.repoRoot.path
        let program = directory.file("minimal-scan-test").path
        let build = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["cc", "-I", root + "/Sources/CSupport/include",
                                                    root + "/Tests/C/minimal_scan_test.c",
                                                    root + "/Sources/CSupport/minimal_scan.c", "-lm", "-o", program])
        try #require(build.status == 0, "\(build)")
        let run = try runProcess(URL(fileURLWithPath: program), [])
        #expect(run.status == 0 && run.stdoutText == "ok\n", "\(run)")
    }
}
