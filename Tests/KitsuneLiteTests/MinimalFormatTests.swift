// The number formatting of every build and the printf family of router builds
// (Sources/CSupport/minimal_format.c), compiled with the host's compiler and checked against the
// host's C library by Tests/C/minimal_format_test.c: about 5.2 million formattings of doubles of
// every magnitude (random bit patterns, decimal values and their ties), integers and strings.

import Foundation
import Testing

struct MinimalFormatTests {
    @Test func formattingAgreesWithTheCLibrary() throws {
        let directory = try TempDir()
        defer { directory.remove() }
        let root = Locations.repoRoot.path
        let program = directory.file("minimal-format-test").path
        let build = try runProcess(URL(fileURLWithPath: "/usr/bin/env"), ["cc", "-O1", "-I", root + "/Sources/CSupport/include",
                                                    root + "/Tests/C/minimal_format_test.c",
                                                    root + "/Sources/CSupport/minimal_format.c", "-lm", "-o", program])
        try #require(build.status == 0, "\(build)")
        let run = try runProcess(URL(fileURLWithPath: program), [])
        #expect(run.status == 0 && run.stdoutText.hasPrefix("ok "), "\(run)")
    }
}
