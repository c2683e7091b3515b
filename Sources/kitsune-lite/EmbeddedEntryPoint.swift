// The entry point of Embedded builds (excluded from SwiftPM's host build, which uses
// main.swift): Embedded Swift has no `CommandLine`, so the C `main` is defined here.
@_cdecl("main")
func embeddedMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    KitsuneLiteProgram.run(argc: argc, argv: argv)
}
