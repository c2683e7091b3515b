#if !KITSUNE_ROUTER
/// `kitsune-lite report`: `eval`'s figures as one self-contained HTML page with its charts
/// (inline SVG, no script, nothing fetched); `kitsune-lite plot`: the score chart alone, as SVG.
enum ReportCommand {
    static let usage = """
        Usage: kitsune-lite report SCORES --labels LABELS [eval's options] --out report.html
               kitsune-lite plot SCORES --labels LABELS [eval's options] --out chart.svg

        report writes one HTML file that needs nothing else (the charts are inline SVG; no script,
        no font or style is fetched): the score against time on a log axis, benign and attack
        packets in their colours, the threshold, the attacks' windows shaded and the incidents
        marked; the ROC curve; the metrics of kitsune-lite eval; the incidents as a table. Millions
        of packets are drawn as the envelope of each pixel column, so the file stays small.
        plot writes the score chart alone.

        Options: those of kitsune-lite eval (--labels, --from-packet, --threshold or --model,
        --alerts with --attacks), and
          --out FILE               where to write (required; - for standard output)
        """

    static func run(_ words: ArraySlice<String>, page: Bool) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: EvalCommand.valued + ["--out"], flags: ["--help"])
        if arguments.has("--help") { return print(usage) }
        let command = page ? "report" : "plot"
        guard let path = arguments.value("--out") else { throw .usage(command + " needs --out FILE") }
        let inputs = try EvalInputs.read(arguments, command: command)
        var out = TextBuffer(capacity: 1 << 18)
        if page {
            appendPage(to: &out, inputs, scoresPath: arguments.positional[0])
        } else {
            out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
            ScoreChart().append(to: &out, inputs)
        }
        let output = try OutputFile(path: path)
        output.write(&out)
        try output.commit()
    }

    static func appendPage(to out: inout TextBuffer, _ inputs: EvalInputs, scoresPath: String) {
        let metrics = PacketMetrics(inputs)
        let alerts = inputs.attacks.isEmpty ? nil : AlertMetrics(inputs)
        out.append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>kitsune-lite report</title>
            <style>
            body { font-family: sans-serif; margin: 24px; color: #222222; max-width: 1040px; }
            h1 { font-size: 20px; } h2 { font-size: 16px; margin-top: 28px; }
            table { border-collapse: collapse; font-size: 13px; }
            td, th { border-bottom: 1px solid #dddddd; padding: 3px 10px 3px 0; text-align: left; vertical-align: top; }
            td.number { text-align: right; font-variant-numeric: tabular-nums; }
            .row { display: flex; gap: 32px; align-items: flex-start; flex-wrap: wrap; }
            </style></head><body>
            <h1>kitsune-lite report: 
            """)
        out.append(html: scoresPath)
        out.append("</h1>\n<p>")
        out.append(grouped: Int64(metrics.packets))
        out.append(" packets evaluated from packet ")
        out.append(grouped: Int64(inputs.first + 1))
        out.append(": ")
        out.append(grouped: Int64(metrics.attacks))
        out.append(" attack, ")
        out.append(grouped: Int64(metrics.benign))
        out.append(" benign.</p>\n<h2>Score against time</h2>\n")
        ScoreChart().append(to: &out, inputs)
        out.append("<div class=\"row\"><div><h2>ROC curve</h2>\n")
        ROCChart().append(to: &out, metrics)
        out.append("</div><div><h2>Metrics</h2>\n<table>\n")
        func row(_ name: StaticString, _ value: (inout TextBuffer) -> Void) {
            out.append("<tr><th>")
            out.append(name)
            out.append("</th><td class=\"number\">")
            value(&out)
            out.append("</td></tr>\n")
        }
        row("ROC AUC") { $0.append(fixed: metrics.auc, decimals: 6) }
        row("equal error rate") { $0.append(fixed: metrics.equalErrorRate.rate, decimals: 6) }
        row("TPR at FPR 1e-3") { $0.append(fixed: metrics.tprAt1e3, decimals: 6) }
        row("TPR at FPR 1e-2") { $0.append(fixed: metrics.tprAt1e2, decimals: 6) }
        if let outcome = metrics.outcome {
            row("threshold") {
                $0.append(general: outcome.threshold, digits: 6)
                $0.append(" (")
                $0.append(inputs.thresholdSource)
                $0.append(")")
            }
            row("precision") { $0.append(fixed: outcome.precision, decimals: 4) }
            row("recall") { $0.append(fixed: outcome.recall, decimals: 4) }
            row("F1") { $0.append(fixed: outcome.f1, decimals: 4) }
            row("false alarms") { $0.append(grouped: Int64(outcome.falsePositives)) }
            if outcome.hours > 0 { row("false alarms an hour") { $0.append(grouped: Int64(outcome.falseAlarmsPerHour.rounded())) } }
        }
        for attack in metrics.perAttack {
            out.append("<tr><th>AUC, ")
            out.append(html: attack.name)
            out.append("</th><td class=\"number\">")
            out.append(fixed: attack.auc, decimals: 6)
            out.append("</td></tr>\n")
        }
        out.append("</table></div></div>\n")
        if let alerts {
            out.append("<h2>Attacks and their incidents</h2>\n<table><tr><th>attack</th><th>incidents</th>")
            out.append("<th>naming the attacker</th><th>first after</th><th>reports</th></tr>\n")
            for attack in alerts.attacks {
                out.append("<tr><td>")
                out.append(html: attack.name)
                out.append("</td><td class=\"number\">")
                out.append(decimal: attack.incidents)
                out.append("</td><td class=\"number\">")
                out.append(decimal: attack.naming)
                out.append("</td><td class=\"number\">")
                if let delay = attack.timeToFirst {
                    out.append(fixed: delay, decimals: 2)
                    out.append(" s")
                } else {
                    out.append("never")
                }
                out.append("</td><td class=\"number\">")
                out.append(decimal: attack.reports)
                out.append("</td></tr>\n")
            }
            out.append("</table>\n<p>False incidents: ")
            out.append(decimal: alerts.falseIncidents.count)
            out.append(" in ")
            out.append(fixed: alerts.benignSeconds, decimals: 0)
            out.append(" s of benign-only time.</p>\n")
        }
        if !inputs.alerts.isEmpty {
            out.append("<h2>Incident reports</h2>\n<table><tr><th>time (UTC)</th><th>state</th><th>report</th></tr>\n")
            let shown = min(inputs.alerts.count, 1000)
            for alert in inputs.alerts.prefix(shown) {
                out.append("<tr><td>")
                // Nanoseconds since the epoch hold times up to the year 2262; beyond, seconds.
                if Swift.abs(alert.time) < 9e9 { out.append(utc: Int64(alert.time * 1e9), suffix: "Z") }
                else { out.append(general: alert.time, digits: 12) }
                out.append("</td><td>")
                out.append(html: alert.state)
                out.append("</td><td>")
                out.append(html: alert.signature)
                out.append("</td></tr>\n")
            }
            out.append("</table>\n")
            if shown < inputs.alerts.count {
                out.append("<p>(the first 1,000 of ")
                out.append(grouped: Int64(inputs.alerts.count))
                out.append(" reports)</p>\n")
            }
        }
        out.append("</body></html>\n")
    }
}
#endif
