import KitsuneEmbedded
import Testing

/// The feature mapper's one departure from the reference: features that never varied while the
/// map was learned are grouped, `m` to an autoencoder, instead of one autoencoder each.
struct FeatureMapperTests {
    /// Feeds `rows` of a 6-feature vector and clusters with m = 2.
    static func map(_ rows: [[Double]]) -> [[Int]] {
        let mapper = FeatureMapper<Double>(featureCount: 6, in: MemoryArena(capacity: 1 << 16)!)
        for row in rows { row.withUnsafeBufferPointer { mapper.update($0.baseAddress!) } }
        return mapper.cluster(maximumSize: 2)
    }

    @Test func constantFeaturesShareAutoencoders() {
        // Features 1, 3 and 4 never change; 0 and 2 rise together, 5 falls.
        let rows = (0..<50).map { t -> [Double] in
            let x = Double(t)
            return [x, 7, 2 * x + 1, 0, 54, 100 - x * x]
        }
        let map = Self.map(rows)
        #expect(map.suffix(2) == [[1, 3], [4]])
        // The varying features are clustered as the reference does, among themselves.
        #expect(Set(map.dropLast(2).flatMap { $0 }) == [0, 2, 5])
        #expect(map.dropLast(2).contains([0, 2]) || map.dropLast(2).contains([2, 0]))
    }

    @Test func aFloodOfIdenticalPacketsMakesFewAutoencoders() {
        // Every feature constant: the reference would make six one-feature autoencoders.
        let map = Self.map(Array(repeating: [1, 54, 0, 0, 54, 1], count: 100))
        #expect(map == [[0, 1], [2, 3], [4, 5]])
    }

    @Test func whenEveryFeatureVariesTheMapIsTheReferences() {
        let rows = (0..<50).map { t -> [Double] in
            let x = Double(t)
            return [x, x.squareRoot(), 2 * x + 1, (x * 0.7).truncatingRemainder(dividingBy: 5), x * x, 100 - x]
        }
        let mapper = FeatureMapper<Double>(featureCount: 6, in: MemoryArena(capacity: 1 << 16)!)
        for row in rows { row.withUnsafeBufferPointer { mapper.update($0.baseAddress!) } }
        let expected = SingleLinkage.featureMap(count: 6, maximumSize: 2) { mapper.distance($0, $1) }
        #expect(mapper.cluster(maximumSize: 2) == expected)
    }
}
