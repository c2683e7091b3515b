import Foundation
import KitsuneEmbedded
import Testing

/// KitNET fed with the reference's own feature vectors must learn the reference's map, draw its
/// initial weights bit for bit, end in its final state and give its scores.
@Suite(.serialized)
struct KitNETReferenceTests {
    static let featureCount = 100
    static let fmGrace = 5000
    static let adGrace = 22000

    /// Runs the whole dev capture's reference features through KitNET<Double> once.
    final class Run: @unchecked Sendable {
        let kitNET: KitNET<Double>
        var initialWeights: [[Double]] = []
        var trainScores: [Double] = []
        var scores: [Double] = []

        init() throws {
            let features = ReferenceData.devFeatures
            try #require(features.count == 66_935 * 100, "features.f64.gz not readable")
            var configuration = KitNETConfiguration()
            configuration.featureMapGrace = KitNETReferenceTests.fmGrace
            configuration.anomalyDetectorGrace = KitNETReferenceTests.adGrace
            kitNET = KitNET<Double>(configuration: configuration)
            features.withUnsafeBufferPointer { all in
                for row in 0..<66_935 {
                    let x = all.baseAddress! + row * 100
                    if kitNET.isExecuting {
                        scores.append(kitNET.execute(x))
                    } else {
                        let wasBuilt = kitNET.output != nil
                        let error = kitNET.train(x)
                        if wasBuilt { trainScores.append(error) }
                        scores.append(0)
                        if !wasBuilt, let output = kitNET.output {
                            initialWeights = (kitNET.ensemble + [output]).map { Array(kitNET.weights(of: $0)) }
                        }
                    }
                }
            }
        }
    }

    static let run: Result<Run, Error> = Result { try Run() }

    @Test func learnsTheReferenceFeatureMap() throws {
        let run = try Self.run.get()
        let expected = try #require(try ReferenceData.json("dev/reference/feature-map.json") as? [[Int]])
        #expect(run.kitNET.featureMap == expected)
    }

    @Test func drawsTheReferenceInitialWeightsBitForBit() throws {
        let run = try Self.run.get()
        for (file, index) in [("init-W-ensemble0.csv", 0), ("init-W-output.csv", run.initialWeights.count - 1)] {
            let expected = try ReferenceData.lines("dev/reference/\(file)").flatMap {
                $0.split(separator: ",").map { Double(String($0))! }
            }
            #expect(run.initialWeights[index] == expected, "\(file)")
        }
    }

    @Test func endsInTheReferenceFinalState() throws {
        let run = try Self.run.get()
        let state = try #require(try ReferenceData.json("dev/reference/kitnet-final-state.json") as? [String: Any])
        let kitNET = run.kitNET
        let shapes = kitNET.ensemble + [kitNET.output!]
        var compared = 0
        var worst = (name: "", relative: 0.0)
        for (index, shape) in shapes.enumerated() {
            let prefix = index == shapes.count - 1 ? "out" : "ens\(index)"
            let parts: [(String, [Double])] = [
                ("W", Array(kitNET.weights(of: shape))),
                ("hbias", Array(kitNET.hiddenBiases(of: shape))),
                ("vbias", Array(kitNET.visibleBiases(of: shape))),
                ("norm_min", Array(kitNET.minima(of: shape))),
                ("norm_max", Array(kitNET.maxima(of: shape))),
            ]
            for (name, actual) in parts {
                let entry = try #require(state["\(prefix)_\(name)"] as? [String: Any])
                let expected = try #require(entry["values"] as? [Double])
                try #require(expected.count == actual.count, "\(prefix)_\(name) size")
                for (a, e) in zip(actual, expected) {
                    compared += 1
                    let relative = abs(a - e) / max(abs(e), 1e-300)
                    if !isClose(a, e, tolerance: 1e-6) && relative > worst.relative {
                        worst = ("\(prefix)_\(name)", relative)
                    }
                }
            }
        }
        #expect(compared > 1000)
        #expect(worst.name.isEmpty, "worst difference: \(worst.name) at \(worst.relative) relative")
    }

    @Test func givesTheReferenceTrainingErrorsAndScores() throws {
        let run = try Self.run.get()
        let expectedTrain = try ReferenceData.lines("dev/reference/train-scores.txt").map { Double(String($0))! }
        try #require(run.trainScores.count == expectedTrain.count)
        let trainClose = zip(run.trainScores, expectedTrain).filter { isClose($0, $1, tolerance: 1e-6) }.count
        #expect(trainClose == expectedTrain.count, "\(expectedTrain.count - trainClose) training errors differ")

        let expected = try ReferenceData.lines("dev/reference/scores.txt").map { Double(String($0))! }
        try #require(run.scores.count == expected.count)
        let first = Self.fmGrace + Self.adGrace + 1
        #expect(run.scores[..<first].allSatisfy { $0 == 0 })
        let executed = expected.count - first
        let close = (first..<expected.count).filter { isClose(run.scores[$0], expected[$0], tolerance: 1e-6) }.count
        #expect(close == executed && executed == 39_934, "\(executed - close) of \(executed) scores differ")
    }
}
