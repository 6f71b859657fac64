/// Which of PyTorch's recurrent cells a layer runs.
public enum CellKind: String, CaseIterable, Sendable {
    /// `nn.RNN` with tanh (`RNNCell`).
    case rnn
    /// `nn.GRU` (`GRUCell`).
    case gru
    /// `nn.LSTM` (`LSTMCell`).
    case lstm

    /// The cell type that runs this kind: the one place a kind is tied to its type.
    public var cellType: any RecurrentCell.Type {
        switch self {
        case .rnn: RNNCell.self
        case .gru: GRUCell.self
        case .lstm: LSTMCell.self
        }
    }
}

/// One recurrent cell's arithmetic: a step forward and a step backward for a batch of sequences. The
/// unroller, `Recurrent`, owns everything else: the weights, the time-major buffers, the direction,
/// recurrent dropout and the matrix products of backpropagation through time.
///
/// A step sees [B, ...] blocks of the unroller's time-major buffers (row t * B + b holds sequence b at
/// time t); values a cell needs of its own between a step and its backward step (the LSTM's cell
/// state, say) it keeps per row in buffers of its own, sized by `reserve`.
public protocol RecurrentCell: AnyObject {
    /// PyTorch's name for the module (`nn.GRU` is "GRU"), as messages and reports print it.
    static var name: String { get }
    /// Gate blocks of H rows in weight_ih and weight_hh, in PyTorch's order.
    static var gateCount: Int { get }
    /// One direction's parameters for input size C and hidden size H, PyTorch's layout by default
    /// (`RecurrentParameterShapes`); Int to build them, Double to estimate a size too large for Int.
    static func parameterShapes<N: Numeric>(inputSize: N, hiddenSize: N) -> RecurrentParameterShapes<N>
    /// The gate blocks in which h_prev W_hh^T + b_hh must stay apart from the input side, because the
    /// cell scales them (the GRU's n block, scaled by r). Empty: the recurrent product lands on the
    /// gate pre-activations directly.
    static var separateRecurrentBlocks: Range<Int> { get }
    /// True when part of dL/dh_prev comes straight from dL/dh rather than through W_hh (the GRU's
    /// z * dh); the backward step then leaves that part in `stateGradient`.
    static var passesStateGradientDirectly: Bool { get }

    init(hiddenSize: Int)
    /// Makes room for a pass over `rows` = T * B time-major rows of `batch` sequences.
    func reserve(rows: Int, batch: Int)
    /// One step forward: writes `step.state` (and may activate `step.gates` in place, for its backward step).
    func forward(_ step: CellStep)
    /// Called before a backward pass's first (latest) step.
    func startBackward(batch: Int)
    /// One step backward: the gate gradients of both sides from dL/dh.
    func backward(_ step: CellStepGradient)
    /// The cell state c of `batch` rows from `row` on, for a cell that has one (the LSTM), [B, H].
    func cellState(row: Int, batch: Int) -> [Float]?
}

extension RecurrentCell {
    public static func parameterShapes<N: Numeric>(inputSize: N, hiddenSize: N) -> RecurrentParameterShapes<N>
    {
        let rows = N(exactly: gateCount)! * hiddenSize
        return RecurrentParameterShapes(
            weightIH: [rows, inputSize], weightHH: [rows, hiddenSize], biasIH: [rows], biasHH: [rows])
    }
    public static var separateRecurrentBlocks: Range<Int> { 0..<0 }
    public static var passesStateGradientDirectly: Bool { false }
    public func startBackward(batch: Int) {}
    public func cellState(row: Int, batch: Int) -> [Float]? { nil }
}

/// The shapes of one direction's four parameters, in the order PyTorch lists (and `Recurrent` draws)
/// them. PyTorch's layout for G gate blocks: weight_ih [G*H, C], weight_hh [G*H, H], biases [G*H].
public struct RecurrentParameterShapes<N: Numeric> {
    public var weightIH: [N], weightHH: [N], biasIH: [N], biasHH: [N]

    /// The number of values in all four.
    public var count: N {
        [weightIH, weightHH, biasIH, biasHH].map { $0.reduce(1, *) }.reduce(0, +)
    }
}

/// One time step of B sequences, as the unroller hands it to a cell's forward step.
public struct CellStep {
    /// [B, GH]: the gate pre-activations, x W_ih^T + b plus h_prev W_hh^T outside the separate
    /// blocks; the cell may activate them in place, and its backward step reads them again.
    public let gates: UnsafeMutablePointer<Float>
    /// [B, GH]: h_prev W_hh^T + b_hh for a cell with separate recurrent blocks; nil otherwise.
    public let recurrent: UnsafePointer<Float>?
    /// [B, H]: the state before the step (zeros at the first step).
    public let previousState: UnsafePointer<Float>
    /// [B, H]: the state after it.
    public let state: UnsafeMutablePointer<Float>
    /// The step's first time-major row, and the previous step's (nil at the first step).
    public let row: Int, previousRow: Int?
    public let batch: Int
}

/// One time step of B sequences in the backward pass.
public struct CellStepGradient {
    /// [B, GH]: the gates as the forward step left them.
    public let gates: UnsafePointer<Float>
    /// [B, H]: the states before and after the step.
    public let previousState: UnsafePointer<Float>, state: UnsafePointer<Float>
    /// [B, H]: dL/dh at the step; afterwards the direct part of dL/dh_prev when the cell passes one.
    public let stateGradient: UnsafeMutablePointer<Float>
    /// [B, GH]: written with dL/d(gate pre-activations) on the input side.
    public let inputSide: UnsafeMutablePointer<Float>
    /// [B, GH]: the same on the recurrent side, for a cell with separate recurrent blocks (elsewhere
    /// the two sides' gradients are equal and `inputSide` serves both); nil otherwise.
    public let recurrentSide: UnsafeMutablePointer<Float>?
    /// The step's first time-major row, and the previous step's (nil at the first step).
    public let row: Int, previousRow: Int?
    public let batch: Int
}
