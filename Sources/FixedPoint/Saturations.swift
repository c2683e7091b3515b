/// What saturated: a fixed-point operation whose exact result was beyond its type's range, and
/// gave the nearest end of the range instead.
public enum SaturationKind: Int, CaseIterable, Sendable {
    case addition = 0, multiplication, division, conversion, function
}

/// Saturation events by kind.
public struct SaturationCounts: Equatable, Sendable {
    public var additions: Int64 = 0
    public var multiplications: Int64 = 0
    public var divisions: Int64 = 0
    public var conversions: Int64 = 0
    public var functions: Int64 = 0

    @inlinable public init() {}

    @inlinable public subscript(kind: SaturationKind) -> Int64 {
        get {
            switch kind {
            case .addition: return additions
            case .multiplication: return multiplications
            case .division: return divisions
            case .conversion: return conversions
            case .function: return functions
            }
        }
        set {
            switch kind {
            case .addition: additions = newValue
            case .multiplication: multiplications = newValue
            case .division: divisions = newValue
            case .conversion: conversions = newValue
            case .function: functions = newValue
            }
        }
    }

    @inlinable public var total: Int64 { additions &+ multiplications &+ divisions &+ conversions &+ functions }

    /// The events of `self` that happened after `earlier` was read.
    @inlinable public static func - (lhs: SaturationCounts, rhs: SaturationCounts) -> SaturationCounts {
        var difference = SaturationCounts()
        for kind in SaturationKind.allCases { difference[kind] = lhs[kind] &- rhs[kind] }
        return difference
    }
}

/// The saturations of the fixed-point types, counted per thread.
///
/// An overflow must be visible, never silent; but the arithmetic is a set of operators with no
/// owner to report to. So each thread counts its own: whoever runs fixed-point code on a thread
/// (an engine, a model conversion, a test) reads `current` before and after and owns the
/// difference, and work on other threads cannot disturb it. Counting costs nothing until an
/// operation saturates.
public enum Saturations {
    /// This thread's saturations since it started.
    public static var current: SaturationCounts {
        guard let counts = c_pthread_getspecific(countsKey) else { return SaturationCounts() }
        return counts.assumingMemoryBound(to: SaturationCounts.self).pointee
    }

    /// Counts one event on this thread.
    @usableFromInline @inline(never)
    static func record(_ kind: SaturationKind) {
        var counts = c_pthread_getspecific(countsKey)?.assumingMemoryBound(to: SaturationCounts.self)
        if counts == nil {
            // Once per thread, on its first saturation; freed when the thread ends.
            let typed = UnsafeMutablePointer<SaturationCounts>.allocate(capacity: 1)
            typed.initialize(to: SaturationCounts())
            guard c_pthread_setspecific(countsKey, typed) == 0 else {
                typed.deallocate()
                return
            }
            counts = typed
        }
        counts!.pointee[kind] &+= 1
    }

    /// The key of each thread's counts, made once.
    @usableFromInline static let countsKey: UInt32 = {
        var key: UInt32 = 0
        // A key cannot be had only when the process has used up PTHREAD_KEYS_MAX (128 or more);
        // counting then stops (`current` reads zeros), the arithmetic is unaffected.
        _ = c_pthread_key_create(&key) { $0?.deallocate() }
        return key
    }()
}

// Thread-specific data from the C library (glibc and musl): Embedded Swift has no thread-local
// storage of its own.
@_extern(c, "pthread_key_create")
func c_pthread_key_create(_ key: UnsafeMutablePointer<UInt32>,
                          _ destructor: (@convention(c) (UnsafeMutableRawPointer?) -> Void)?) -> Int32
@_extern(c, "pthread_getspecific")
func c_pthread_getspecific(_ key: UInt32) -> UnsafeMutableRawPointer?
@_extern(c, "pthread_setspecific")
func c_pthread_setspecific(_ key: UInt32, _ value: UnsafeRawPointer?) -> Int32
