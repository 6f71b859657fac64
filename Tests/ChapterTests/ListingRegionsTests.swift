@testable import ChapterSync
import Foundation
import Testing

/// The listings the pages set side by side: the book's way in the project's own PyTorch
/// (`Tools/book_pytorch/`) and the Swift that does the same. Each region must parse, exist under the
/// name the pages use, and stay short enough to take in at a glance. Only the committed files are
/// read; no Python runs.
@Suite struct ListingRegionsTests {
    /// The regions of a file of the package, after checking its markers.
    func regions(_ path: String) throws -> [String: String] {
        let url = ChapterSyncTests.packageRoot.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let (regions, problems) = Snippets.regions(in: text, file: path)
        #expect(problems.isEmpty, "\(problems.map(\.description))")
        return regions
    }

    func lineCount(_ listing: String) -> Int { listing.split(separator: "\n").count }

    /// Every section's script has its data, model, training and evaluation, each at most 20 lines.
    @Test(arguments: ["cnn", "search", "giss_rnn", "cet_rnn", "gru_lstm", "dropout", "bidirectional"])
    func everySectionScriptHasItsFourListings(script: String) throws {
        let found = try regions("Tools/book_pytorch/\(script).py")
        for name in ["data", "model", "train", "evaluate"] {
            let listing = try #require(found[name], "\(script).py has no region \(name)")
            #expect(lineCount(listing) <= 20, "\(script).py#\(name) has \(lineCount(listing)) lines")
        }
    }

    /// The shared PyTorch pieces each page can quote: windows and split, the loop, the predictions.
    @Test func sharedPyTorchListings() throws {
        let found = try regions("Tools/book_pytorch/common.py")
        for name in ["synthetic", "giss-read", "cet-read", "normalize", "windows", "cet-data", "train-loop"] {
            let listing = try #require(found[name], "common.py has no region \(name)")
            #expect(lineCount(listing) <= 20, "common.py#\(name) has \(lineCount(listing)) lines")
        }
        #expect(found["windows"]?.contains("train_size = split - window + 1") == true)
    }

    /// The Swift training step is one short listing that reads like PyTorch's calls: what one worker
    /// does with its half of the batch, then Adam's step in a listing of its own.
    @Test func trainingStepIsOneShortListing() throws {
        let found = try regions("Sources/SequenceNet/Trainer.swift")
        let step = try #require(found["step"])
        #expect(lineCount(step) <= 10, "Trainer.swift#step has \(lineCount(step)) lines")
        for call in ["optimizer.zero_grad()", "model(x)", "criterion(prediction, y)", "loss.backward()"] {
            #expect(step.contains(call), "Trainer.swift#step does not name \(call)")
        }
        let update = try #require(found["adam-step"])
        #expect(lineCount(update) <= 5, "Trainer.swift#adam-step has \(lineCount(update)) lines")
        #expect(update.contains("optimizer.step()"), "Trainer.swift#adam-step does not name optimizer.step()")
        for plumbing in ["stopRequested", "Parallel", "pointer"] {
            #expect(
                !step.contains(plumbing) && !update.contains(plumbing), "the step listings show \(plumbing)")
        }
        #expect(found["two-halves"] != nil, "Trainer.swift has no region two-halves")
        let epoch = try #require(found["epoch"])
        #expect(!epoch.contains("stopRequested"), "Trainer.swift#epoch shows the interrupt check")
    }

    /// Each cell's step carries PyTorch's equations, the last one directly above the line computing it.
    @Test(arguments: [
        ("RNNCell", "rnn-step", "// h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T + b_hh)", "applyTanh"),
        ("GRUCell", "gru-step", "// h_t = (1 - z_t) * n_t + z_t * h_(t-1)", "y[j] = (1 - z[j]) * n[j]"),
        ("LSTMCell", "lstm-step", "// c_t = f_t * c_(t-1) + i_t * g_t", "c[j] = f[j] * cPrev[j]"),
    ])
    func cellStepsShowTheirEquations(file: String, name: String, equation: String, code: String) throws {
        let step = try #require(try regions("Sources/SequenceNet/\(file).swift")[name])
        let lines = step.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let at = try #require(lines.firstIndex(of: equation), "\(file).swift#\(name) lacks \(equation)")
        #expect(lines[at + 1].contains(code), "\(equation) is not above the line computing it")
    }

    /// The other Swift regions the pages pair with the book's PyTorch.
    @Test(arguments: [
        ("Sources/SequenceNet/Adam.swift", "adam"), ("Sources/SequenceNet/Dropout.swift", "dropout-mask"),
        ("Sources/SequenceNet/Bidirectional.swift", "bidirectional"),
        ("Sources/SequenceNet/LastTimeStep.swift", "last-step"), ("Sources/SequenceNet/MSELoss.swift", "mse"),
        ("Sources/SequenceNet/Recurrent.swift", "input-projection"),
        ("Sources/SequenceNet/Recurrent.swift", "recurrent-mask"),
        ("Sources/SequenceNet/Recurrent.swift", "recurrent-mask-use"),
        ("Sources/WorkbookData/Windows.swift", "windows"), ("Sources/WorkbookData/Windows.swift", "split"),
        ("Sources/WorkbookData/Layout.swift", "layout"), ("Sources/SequenceNet/Trainer.swift", "optimizer"),
        ("Sources/WorkbookData/Normalization.swift", "zscores"),
        ("Sources/WorkbookData/SyntheticSeries.swift", "synthetic"),
        ("Sources/Workbook/CETExperiment.swift", "cet-model"),
        ("Sources/Workbook/CETExperiment.swift", "cet-train"),
        ("Sources/ch11-cnn/NetworkChoice.swift", "dnn-model"),
        ("Sources/ch11-giss-rnn/main.swift", "model"), ("Sources/ch11-giss-rnn/main.swift", "evaluate"),
    ])
    func swiftRegionExists(path: String, name: String) throws {
        #expect(try regions(path)[name] != nil, "\(path) has no region \(name)")
    }
}
