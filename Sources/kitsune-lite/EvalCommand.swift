#if !KITSUNE_ROUTER
/// `kitsune-lite eval`: how well the scores detect, per packet and as the alerts a router owner
/// would have seen.
enum EvalCommand {
    static let usage = """
        Usage: kitsune-lite eval SCORES --labels LABELS [--from-packet N] [--threshold X | --model FILE]
                                 [--alerts EVE.json --attacks ATTACKS.csv] [--json]

        How well per-packet scores detect: ROC AUC (ties averaged: the Mann-Whitney statistic),
        equal error rate, TPR at FPR 1e-3 and 1e-2; with a threshold (flagged above it), precision,
        recall, F1 and false alarms per hour; per attack, its AUC against every benign packet (when
        the labels name the attacks). With detect's EVE alerts and the attacks' windows: for each
        attack, whether an incident named its attacker (IP or MAC), how soon, and how many incidents
        and reports it made; false incidents per hour of benign-only time.

        SCORES is kitsune-lite score's CSV (packet,timestamp,score) or one score a line (the
        reference's scores.txt). LABELS is one 0 or 1 a line, or a CSV with a label column (and
        perhaps attack and time_epoch columns, as ../shared/data/dev/labels.csv).

        Options:
          --labels FILE            the packets' labels (required)
          --from-packet N          evaluate from packet N (1-based; default: the first score not 0,
                                   the first the engine scored after learning)
          --threshold X            flag packets scoring above X
          --model FILE             flag packets scoring above the model's threshold
          --alerts EVE.json        kitsune-lite detect's --eve output, with --attacks
          --attacks FILE.csv       the attacks' windows and attackers (name, start_epoch, end_epoch,
                                   attacker_mac, attacker_ip columns, as ../shared/data/dev/attacks.csv)
          --json                   one JSON object instead of text
        """

    static let valued = ["--labels", "--from-packet", "--threshold", "--model", "--alerts", "--attacks"]

    static func run(_ words: ArraySlice<String>) throws(ProgramError) {
        let arguments = try CommandLineArguments(words, valued: valued, flags: ["--help", "--json"])
        if arguments.has("--help") { return print(usage) }
        let inputs = try EvalInputs.read(arguments, command: "eval")
        let metrics = PacketMetrics(inputs)
        let alerts = inputs.attacks.isEmpty ? nil : AlertMetrics(inputs)
        var line = TextBuffer(capacity: 4096)
        if arguments.has("--json") {
            line.appendJSON(metrics, alerts, inputs)
        } else {
            line.appendText(metrics, alerts, inputs)
        }
        let output = OutputFile()
        output.write(&line)
        try output.commit()
    }
}

extension TextBuffer {
    mutating func appendText(_ metrics: PacketMetrics, _ alerts: AlertMetrics?, _ inputs: EvalInputs) {
        append("packets evaluated: ")
        append(grouped: Int64(metrics.packets))
        append(" (from packet ")
        append(grouped: Int64(inputs.first + 1))
        append("): ")
        append(grouped: Int64(metrics.attacks))
        append(" attack, ")
        append(grouped: Int64(metrics.benign))
        append(" benign\nROC AUC:            ")
        append(fixed: metrics.auc, decimals: 6)
        append("\nequal error rate:   ")
        append(fixed: metrics.equalErrorRate.rate, decimals: 6)
        append(" (at a score of ")
        append(general: metrics.equalErrorRate.threshold, digits: 4)
        append(")\nTPR at FPR 1e-3:    ")
        append(fixed: metrics.tprAt1e3, decimals: 6)
        append("\nTPR at FPR 1e-2:    ")
        append(fixed: metrics.tprAt1e2, decimals: 6)
        append("\n")
        if let outcome = metrics.outcome {
            append("threshold ")
            append(general: outcome.threshold, digits: 6)
            append(" (")
            append(inputs.thresholdSource)
            append("): precision ")
            append(fixed: outcome.precision, decimals: 4)
            append(", recall ")
            append(fixed: outcome.recall, decimals: 4)
            append(", F1 ")
            append(fixed: outcome.f1, decimals: 4)
            append(", FPR ")
            append(general: outcome.falsePositiveRate, digits: 4)
            append(", ")
            append(grouped: Int64(outcome.falsePositives))
            append(" false alarms")
            if outcome.hours > 0 {
                append(" (")
                append(grouped: Int64(outcome.falseAlarmsPerHour.rounded()))
                append(" an hour)")
            }
            append("\n")
        }
        if !metrics.perAttack.isEmpty {
            append("per attack (AUC against every benign packet):\n")
            for attack in metrics.perAttack {
                append("  ")
                append(attack.name)
                append(": ")
                append(grouped: Int64(attack.packets))
                append(" packets, AUC ")
                append(fixed: attack.auc, decimals: 6)
                append("\n")
            }
        }
        guard let alerts else { return }
        append("alerts (incidents opened from an attack's start to ")
        append(decimal: Int(AlertMetrics.grace))
        append(" s after its end):\n")
        for attack in alerts.attacks {
            append("  ")
            append(attack.name)
            append(": ")
            append(decimal: attack.incidents)
            append(attack.incidents == 1 ? " incident, " : " incidents, ")
            append(decimal: attack.naming)
            append(" naming the attacker")
            if let delay = attack.timeToFirst {
                append(", the first after ")
                append(fixed: delay, decimals: 2)
                append(" s")
            }
            append("; ")
            append(decimal: attack.reports)
            append(" reports\n")
        }
        append("  false incidents: ")
        append(decimal: alerts.falseIncidents.count)
        append(" in ")
        append(fixed: alerts.benignSeconds, decimals: 0)
        append(" s of benign-only time")
        if alerts.benignSeconds > 0 {
            append(" (")
            append(general: alerts.falseIncidentsPerHour, digits: 3)
            append(" an hour)")
        }
        append("\n")
    }

    mutating func appendJSON(_ metrics: PacketMetrics, _ alerts: AlertMetrics?, _ inputs: EvalInputs) {
        append("{\"packets\":")
        append(decimal: metrics.packets)
        append(",\"first_packet\":")
        append(decimal: inputs.first + 1)
        append(",\"attack_packets\":")
        append(decimal: metrics.attacks)
        append(",\"benign_packets\":")
        append(decimal: metrics.benign)
        append(",\"AUC\":")
        append(json17: metrics.auc)
        append(",\"EER\":")
        append(json17: metrics.equalErrorRate.rate)
        append(",\"EER_threshold\":")
        append(json17: metrics.equalErrorRate.threshold)
        append(",\"TPR@FPR1e-3\":")
        append(json17: metrics.tprAt1e3)
        append(",\"TPR@FPR1e-2\":")
        append(json17: metrics.tprAt1e2)
        if let outcome = metrics.outcome {
            append(",\"threshold\":{\"value\":")
            append(json17: outcome.threshold)
            append(",\"source\":")
            append(jsonString: inputs.thresholdSource)
            append(",\"TP\":")
            append(decimal: outcome.truePositives)
            append(",\"FP\":")
            append(decimal: outcome.falsePositives)
            append(",\"FN\":")
            append(decimal: outcome.falseNegatives)
            append(",\"TN\":")
            append(decimal: outcome.trueNegatives)
            append(",\"precision\":")
            append(json17: outcome.precision)
            append(",\"recall\":")
            append(json17: outcome.recall)
            append(",\"F1\":")
            append(json17: outcome.f1)
            append(",\"FPR\":")
            append(json17: outcome.falsePositiveRate)
            append(",\"false_alarms_per_hour\":")
            append(json17: outcome.falseAlarmsPerHour)
            append("}")
        }
        if !metrics.perAttack.isEmpty {
            append(",\"per_attack\":{")
            for (index, attack) in metrics.perAttack.enumerated() {
                if index > 0 { append(",") }
                append(jsonString: attack.name)
                append(":{\"n\":")
                append(decimal: attack.packets)
                append(",\"AUC_vs_all_benign\":")
                append(json17: attack.auc)
                append("}")
            }
            append("}")
        }
        if let alerts {
            append(",\"alerts\":{\"per_attack\":{")
            for (index, attack) in alerts.attacks.enumerated() {
                if index > 0 { append(",") }
                append(jsonString: attack.name)
                append(":{\"incidents\":")
                append(decimal: attack.incidents)
                append(",\"naming_attacker\":")
                append(decimal: attack.naming)
                append(",\"reports\":")
                append(decimal: attack.reports)
                append(",\"seconds_to_first\":")
                if let delay = attack.timeToFirst { append(json17: delay) } else { append("null") }
                append("}")
            }
            append("},\"false_incidents\":")
            append(decimal: alerts.falseIncidents.count)
            append(",\"benign_seconds\":")
            append(json17: alerts.benignSeconds)
            append(",\"false_incidents_per_hour\":")
            append(json17: alerts.falseIncidentsPerHour)
            append("}")
        }
        append("}\n")
    }

    /// A number in JSON with every digit a double has (null for infinity and NaN).
    mutating func append(json17 value: Double) {
        guard value.isFinite else { return append("null") }
        append(general: value, digits: 17)
    }

    /// A JSON string, escaped.
    mutating func append(jsonString value: String) {
        append("\"")
        for byte in value.utf8 {
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x09: append("\\t")
            case 0..<0x20:
                append("\\u00")
                append(hexDigit: UInt64(byte >> 4))
                append(hexDigit: UInt64(byte & 0xF))
            default: append(byte: byte)
            }
        }
        append("\"")
    }
}
#endif
