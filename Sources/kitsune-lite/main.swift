import CSupport

// The host entry point. Embedded builds use EmbeddedEntryPoint.swift instead, since Embedded
// Swift has no `CommandLine`.
exit(KitsuneLiteProgram.run(argc: CommandLine.argc, argv: CommandLine.unsafeArgv))
