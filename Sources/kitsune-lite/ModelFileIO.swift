import CSupport
import KitsuneEmbedded

/// Reading model files from disk, and naming their arithmetic.
enum ModelFileIO {
    static let sizeLimit = 64 << 20

    /// The file's bytes, or a one-line error.
    static func read(_ path: String) throws(ProgramError) -> [UInt8] {
        var count = 0
        guard let data = ks_read_file(path, sizeLimit, &count) else {
            throw .usage("cannot read model '" + path + "': " + String(cString: ks_error_text()))
        }
        defer { free(data) }
        return Array(UnsafeBufferPointer(start: data, count: count))
    }

    /// The arithmetic a model was trained in, read before it is decoded in that arithmetic. Only
    /// a model of this format and version has a meaningful tag (another file's byte may match one).
    static func arithmetic(of bytes: [UInt8], path: String) throws(ProgramError) -> Arithmetic {
        let header = bytes.withUnsafeBytes { raw in Result { () throws(ModelFileError) in try ModelFile.arithmeticTag(raw) } }
        switch header {
        case .failure(let error): throw refused(path, error)
        case .success(let tag):
            for arithmetic in Arithmetic.allCases where arithmetic.modelTag == tag { return arithmetic }
            // Let decoding say what is wrong (damage, or an arithmetic this program does not know).
            throw refused(path, decodeError(bytes, as: Float.self))
        }
    }

    static func decodeError<Scalar: KitsuneScalar>(_ bytes: [UInt8], as scalar: Scalar.Type) -> ModelFileError {
        switch decoded(bytes, as: scalar, base: KitsuneConfiguration()) {
        case .success: return .corrupt("unknown arithmetic")
        case .failure(let error): return error
        }
    }

    static func decoded<Scalar: KitsuneScalar>(_ bytes: [UInt8], as scalar: Scalar.Type, base: KitsuneConfiguration)
        -> Result<ModelFile.Contents<Scalar>, ModelFileError> {
        bytes.withUnsafeBytes { raw in
            Result { () throws(ModelFileError) in try ModelFile.decode(raw, as: scalar, base: base) }
        }
    }

    static func refused(_ path: String, _ error: ModelFileError) -> ProgramError {
        .usage("model '" + path + "' refused: " + text(error.reason))
    }

    /// A floating-point model converted to `Target` (see `ModelFile.Contents.converted`), and
    /// how many of its values saturated (this thread's saturations during the conversion).
    static func converted<Target: KitsuneScalar>(_ bytes: [UInt8], path: String, trainedIn source: Arithmetic,
                                                 to target: Target.Type, base: KitsuneConfiguration)
        throws(ProgramError) -> (contents: ModelFile.Contents<Target>, saturated: Int64) {
        let before = Saturations.current
        let contents: ModelFile.Contents<Target>
        switch source {
        case .float32:
            contents = try decode(bytes, path: path, as: Float.self, base: base).converted(to: target)
        case .float64:
            #if KITSUNE_NO_FLOAT64
            throw .usage("model '" + path + "' is float64, which this build does not read: convert it on a host first "
                + "(kitsune-lite convert)")
            #else
            contents = try decode(bytes, path: path, as: Double.self, base: base).converted(to: target)
            #endif
        case .q16:
            throw .usage("model '" + path + "' is q16: fixed-point models are not converted (it runs with --arithmetic q16)")
        }
        return (contents, (Saturations.current - before).total)
    }

    /// The model's contents for an engine whose AfterImage is `base`'s.
    static func decode<Scalar: KitsuneScalar>(_ bytes: [UInt8], path: String, as scalar: Scalar.Type,
                                             base: KitsuneConfiguration) throws(ProgramError) -> ModelFile.Contents<Scalar> {
        switch decoded(bytes, as: scalar, base: base) {
        case .success(let contents): return contents
        case .failure(let error): throw refused(path, error)
        }
    }
}
