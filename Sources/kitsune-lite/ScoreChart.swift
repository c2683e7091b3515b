#if !KITSUNE_ROUTER
import CSupport

/// The score against time as SVG: a log axis, benign and attack packets in their colours, the
/// threshold, the attacks' windows shaded and the incidents marked.
///
/// Millions of packets are thinned to the envelope of each pixel column: per column and class,
/// one vertical stroke from the lowest score to the highest. The file's size then depends on the
/// chart's width, not on the capture's length, and every outlier stays visible.
struct ScoreChart {
    static let benignColour: StaticString = "#1f77b4"
    static let attackColour: StaticString = "#d62728"
    static let thresholdColour: StaticString = "#ff7f0e"
    static let alertColour: StaticString = "#6a3d9a"

    let width = 1000.0, height = 380.0
    let left = 64.0, right = 16.0, top = 28.0, bottom = 44.0
    var plotWidth: Double { width - left - right }
    var plotHeight: Double { height - top - bottom }

    /// The chart, as an `<svg>` element (with its namespace, so that it also stands alone).
    func append(to out: inout TextBuffer, _ inputs: EvalInputs) {
        let packets = inputs.evaluated
        let hasTimes = !inputs.times.isEmpty
        func x(of index: Int) -> Double { hasTimes ? inputs.times[index] : Double(index + 1) }
        let x0 = x(of: packets.lowerBound), x1 = max(x(of: packets.upperBound - 1), x0 + 1e-9)
        // The log axis: whole decades around the positive, finite scores (and the threshold).
        var low = Double.infinity, high = -Double.infinity
        for index in packets {
            let score = inputs.scores[index]
            if score > 0 && score.isFinite { low = min(low, score); high = max(high, score) }
        }
        if let threshold = inputs.threshold { low = min(low, threshold); high = max(high, threshold) }
        if !low.isFinite { low = 1e-3; high = 1 }
        let decadeLow = (log10(low)).rounded(.down), decadeHigh = max((log10(high)).rounded(.up), decadeLow + 1)
        func px(_ value: Double) -> Double { left + (value - x0) / (x1 - x0) * plotWidth }
        func py(_ score: Double) -> Double {
            guard score > 0 else { return top + plotHeight }
            guard score.isFinite else { return top }
            let fraction = (log10(score) - decadeLow) / (decadeHigh - decadeLow)
            return top + plotHeight * (1 - min(1, max(0, fraction)))
        }

        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        out.append(decimal: Int(width))
        out.append(" ")
        out.append(decimal: Int(height))
        out.append("\" width=\"")
        out.append(decimal: Int(width))
        out.append("\" height=\"")
        out.append(decimal: Int(height))
        out.append("\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        // The attacks' windows.
        for window in Self.windows(inputs) where window.1 >= x0 && window.0 <= x1 {
            let from = px(max(window.0, x0)), to = px(min(window.1, x1))
            out.appendSVGRect(from, top, max(1, to - from), plotHeight, "fill=\"#fbd5d5\"")
            out.append("\n")
        }
        // Grid and axes.
        var decade = decadeLow
        while decade <= decadeHigh {
            let y = top + plotHeight * (1 - (decade - decadeLow) / (decadeHigh - decadeLow))
            out.appendSVGLine(left, y, left + plotWidth, y, "stroke=\"#dddddd\"")
            out.append("<text x=\"")
            out.append(fixed: left - 6, decimals: 1)
            out.append("\" y=\"")
            out.append(fixed: y + 4, decimals: 1)
            out.append("\" text-anchor=\"end\">1e")
            out.append(decimal: Int(decade))
            out.append("</text>\n")
            decade += 1
        }
        let step = Self.niceStep((x1 - x0) / 8)
        var tick = (0.0 / step).rounded(.up) * step
        var ticks = 0
        // (At most 20: where the span is below the times' resolution, x0 + tick may not move.)
        while x0 + tick <= x1 && ticks < 20 {
            ticks += 1
            let x = px(x0 + tick)
            out.appendSVGLine(x, top + plotHeight, x, top + plotHeight + 5, "stroke=\"#555555\"")
            out.append("<text x=\"")
            out.append(fixed: x, decimals: 1)
            out.append("\" y=\"")
            out.append(fixed: top + plotHeight + 18, decimals: 1)
            out.append("\" text-anchor=\"middle\">")
            out.append(general: tick, digits: 6)
            out.append("</text>\n")
            tick += step
        }
        out.append("<text x=\"")
        out.append(fixed: left + plotWidth / 2, decimals: 1)
        out.append("\" y=\"")
        out.append(fixed: height - 6, decimals: 1)
        out.append(hasTimes ? "\" text-anchor=\"middle\">seconds since packet " : "\" text-anchor=\"middle\">packets from ")
        out.append(grouped: Int64(packets.lowerBound + 1))
        out.append("</text>\n<text transform=\"translate(14,")
        out.append(fixed: top + plotHeight / 2, decimals: 1)
        out.append(") rotate(-90)\" text-anchor=\"middle\">score (log)</text>\n")
        // The packets: per pixel column and class, the envelope of their scores.
        let columns = Int(plotWidth)
        for attack in [false, true] {
            var lowest = [Double](repeating: .infinity, count: columns), highest = [Double](repeating: -.infinity, count: columns)
            for index in packets where inputs.labels[index] == attack {
                let score = inputs.scores[index]
                let column = min(columns - 1, max(0, Int((x(of: index) - x0) / (x1 - x0) * Double(columns - 1))))
                let y = py(score)
                lowest[column] = min(lowest[column], y)
                highest[column] = max(highest[column], y)
            }
            out.append("<path fill=\"none\" stroke-width=\"1.6\" stroke=\"")
            out.append(attack ? Self.attackColour : Self.benignColour)
            out.append("\" d=\"")
            for column in 0..<columns where lowest[column].isFinite {
                out.append("M")
                out.append(fixed: left + Double(column) + 0.5, decimals: 1)
                out.append(" ")
                out.append(fixed: lowest[column] - 1, decimals: 1)
                out.append("V")
                out.append(fixed: highest[column] + 1, decimals: 1)
            }
            out.append("\"/>\n")
        }
        if let threshold = inputs.threshold {
            let y = py(threshold)
            out.appendSVGLine(left, y, left + plotWidth, y, "stroke=\"#ff7f0e\" stroke-width=\"2\" stroke-dasharray=\"8 4\"")
            out.append("\n")
        }
        // Incidents: a mark above the plot where each opened.
        for alert in inputs.alerts where alert.isOpening && hasTimes && alert.time >= x0 && alert.time <= x1 {
            let x = px(alert.time)
            out.append("<path fill=\"")
            out.append(Self.alertColour)
            out.append("\" d=\"M")
            out.append(fixed: x - 5, decimals: 1)
            out.append(" ")
            out.append(fixed: top - 12, decimals: 1)
            out.append("h10l-5 9z\"><title>")
            out.append(html: alert.signature)
            out.append("</title></path>\n")
        }
        out.appendSVGRect(left, top, plotWidth, plotHeight, "fill=\"none\" stroke=\"#555555\"")
        out.append("\n")
        // The legend.
        let entries: [(StaticString, StaticString)] = [(Self.benignColour, "benign"), (Self.attackColour, "attack"),
                                                       (Self.thresholdColour, "threshold"), (Self.alertColour, "incident opened")]
        var legendX = left + plotWidth - 420
        for (colour, name) in entries {
            out.append("<rect x=\"")
            out.append(fixed: legendX, decimals: 1)
            out.append("\" y=\"6\" width=\"12\" height=\"12\" fill=\"")
            out.append(colour)
            out.append("\"/><text x=\"")
            out.append(fixed: legendX + 16, decimals: 1)
            out.append("\" y=\"16\">")
            out.append(name)
            out.append("</text>\n")
            legendX += 100
        }
        out.append("</svg>\n")
    }

    /// The attacks' windows in the x axis's unit: from the attacks file, or else the runs of
    /// attack packets in the labels (a gap of over a second, or 100 packets without times, ends a run).
    static func windows(_ inputs: EvalInputs) -> [(Double, Double)] {
        let hasTimes = !inputs.times.isEmpty
        if hasTimes && !inputs.attacks.isEmpty { return inputs.attacks.map { ($0.start, $0.end) } }
        var windows: [(Double, Double)] = []
        for index in inputs.evaluated where inputs.labels[index] {
            let x = hasTimes ? inputs.times[index] : Double(index + 1)
            if let last = windows.last, x - last.1 <= (hasTimes ? 1 : 100) {
                windows[windows.count - 1].1 = x
            } else {
                windows.append((x, x))
            }
        }
        return windows
    }

    /// 1, 2 or 5 times a power of ten, at least `rough`.
    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0 && rough.isFinite else { return 1 }
        var step = 1.0
        while step * 10 <= rough { step *= 10 }
        while step > rough * 10 { step /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where step * factor >= rough { return step * factor }
        return step * 10
    }
}

/// The ROC curve as SVG, with the diagonal and the AUC.
struct ROCChart {
    let size = 380.0, margin = 48.0

    func append(to out: inout TextBuffer, _ metrics: PacketMetrics) {
        let side = size - 2 * margin
        func px(_ fpr: Double) -> Double { margin + fpr * side }
        func py(_ tpr: Double) -> Double { margin + (1 - tpr) * side }
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 380 380\" width=\"380\" height=\"380\" ")
        out.append("font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n")
        for tick in 0...5 {
            let value = Double(tick) / 5
            out.appendSVGLine(px(value), py(0), px(value), py(1), "stroke=\"#eeeeee\"")
            out.appendSVGLine(px(0), py(value), px(1), py(value), "stroke=\"#eeeeee\"")
            out.append("<text x=\"")
            out.append(fixed: px(value), decimals: 1)
            out.append("\" y=\"")
            out.append(fixed: py(0) + 16, decimals: 1)
            out.append("\" text-anchor=\"middle\">")
            out.append(fixed: value, decimals: 1)
            out.append("</text><text x=\"")
            out.append(fixed: px(0) - 6, decimals: 1)
            out.append("\" y=\"")
            out.append(fixed: py(value) + 4, decimals: 1)
            out.append("\" text-anchor=\"end\">")
            out.append(fixed: value, decimals: 1)
            out.append("</text>\n")
        }
        out.appendSVGLine(px(0), py(0), px(1), py(1), "stroke=\"#999999\" stroke-dasharray=\"4 4\"")
        out.append("\n<polyline fill=\"none\" stroke=\"")
        out.append(ScoreChart.attackColour)
        out.append("\" stroke-width=\"2\" points=\"")
        for (fpr, tpr) in metrics.roc.thinned(to: 1000) {
            out.append(fixed: px(fpr), decimals: 2)
            out.append(",")
            out.append(fixed: py(tpr), decimals: 2)
            out.append(" ")
        }
        out.append("\"/>\n")
        out.appendSVGRect(margin, margin, side, side, "fill=\"none\" stroke=\"#555555\"")
        out.append("\n<text x=\"")
        out.append(fixed: px(0.5), decimals: 1)
        out.append("\" y=\"")
        out.append(fixed: size - 8, decimals: 1)
        out.append("\" text-anchor=\"middle\">false-positive rate</text><text transform=\"translate(14,")
        out.append(fixed: py(0.5), decimals: 1)
        out.append(") rotate(-90)\" text-anchor=\"middle\">true-positive rate</text>\n<text x=\"")
        out.append(fixed: px(0.55), decimals: 1)
        out.append("\" y=\"")
        out.append(fixed: py(0.1), decimals: 1)
        out.append("\">ROC AUC ")
        out.append(fixed: metrics.auc, decimals: 4)
        out.append("</text>\n</svg>\n")
    }
}

extension TextBuffer {
    /// `<line .../>` from (x1, y1) to (x2, y2); `attributes` after the coordinates.
    mutating func appendSVGLine(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: StaticString) {
        append("<line x1=\"")
        append(fixed: x1, decimals: 1)
        append("\" y1=\"")
        append(fixed: y1, decimals: 1)
        append("\" x2=\"")
        append(fixed: x2, decimals: 1)
        append("\" y2=\"")
        append(fixed: y2, decimals: 1)
        append("\" ")
        append(attributes)
        append("/>")
    }

    /// `<rect .../>` at (x, y) of `width` by `height`; `attributes` after them.
    mutating func appendSVGRect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ attributes: StaticString) {
        append("<rect x=\"")
        append(fixed: x, decimals: 1)
        append("\" y=\"")
        append(fixed: y, decimals: 1)
        append("\" width=\"")
        append(fixed: width, decimals: 1)
        append("\" height=\"")
        append(fixed: height, decimals: 1)
        append("\" ")
        append(attributes)
        append("/>")
    }

    /// Text for HTML or SVG: `&`, `<`, `>` and `"` escaped.
    mutating func append(html value: String) {
        for byte in value.utf8 {
            switch byte {
            case 0x26: append("&amp;")
            case 0x3C: append("&lt;")
            case 0x3E: append("&gt;")
            case 0x22: append("&quot;")
            default: append(byte: byte)
            }
        }
    }
}
#endif
