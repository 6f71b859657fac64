import Foundation

// NumPy's float32 `np.cos` and `np.exp`, bit for bit, as NumPy 2.4.6 computes them on x86_64
// with AVX2 + FMA3 (the X86_V3 dispatch target; no AVX-512).
//
// Why: the book builds its synthetic series in float32 with
//     np.where(ph < 0.4, np.cos(ph * 2 * np.pi), 1 / np.exp(3 * ph))
// and NumPy's float32 cos and exp are SIMD approximations, not correctly rounded results. Over the
// book's 1461 points, 96 cosines and 400 exponentials differ from the correctly rounded values that
// glibc's cosf/expf give, so Foundation's cos/exp cannot rebuild the series exactly. These scalar
// ports can.
//
// What they follow (numpy/_core/src/umath in the numpy-2.4.6 sdist):
//   cos: loops_trigonometric.dispatch.cpp, FLOAT_cos -> simd_sincos_f32 (Highway, compiled
//        because NPY_SIMD_FMA3): Cody-Waite reduction by pi/2 in three fused steps, the sine and
//        cosine minimax polynomials on [-pi/4, pi/4], quadrant select and sign flip; NaN gives NaN;
//        |x| > 71476.0625 (and +-inf) goes to libm cosf, which is what Foundation's cos calls here.
//   exp: loops_exponent_log.dispatch.c.src, FLOAT_exp -> simd_exp_FLOAT (the AVX2/FMA3 variant,
//        helper fma_scalef_ps): Cody-Waite reduction by ln 2, a rational P5/Q2 approximation,
//        scaling by 2^k through the exponent bits (with a division for subnormal results);
//        x >= 88.72283935546875 gives +inf, x <= -103.97208404541015625 gives 0, NaN gives NaN.
// Every lane of those SIMD loops is computed independently (the array tail is a masked load of the
// same lanes), so a scalar port gives the same bits whatever the array length or position.
// Each `addingProduct` below is a fused multiply-add in NumPy's compiled code; every other operation
// is a separately rounded float32 operation. That includes one fusion the C++ source does not spell
// out: in cos, x * (2/pi) + 1.5*2^23 is fused in the shipped binary (Highway Mul + Add contracted by
// the compiler), while in exp the matching multiply and add stay separate. Both were settled by
// measurement, since the other choice gives mismatches.
//
// Measured against numpy 2.4.6 on this machine (x86_64, AVX2/FMA3): identical bits for the book's
// 1461 cos inputs and 1461 exp inputs, and for all 2^32 float32 inputs of each function, NaN payloads
// included (the |x| > 71476.0625 cos branch relies on the same glibc cosf that NumPy calls). See
// Tools/reference/check_numpy_float32_math.py.
enum NumPyFloat32Math {

    /// NumPy 2.4.6 float32 `np.cos` (AVX2/FMA3 path).
    static func cos(_ x: Float) -> Float {
        if x.isNaN { return Float(bitPattern: 0x7FC0_0000) }
        // Outside the Cody-Waite range NumPy calls libm cosf element by element.
        if !(x.magnitude <= Float(bitPattern: 0x478B_9A08)) {  // 71476.0625
            return Foundation.cos(x)
        }
        // k = rint(x * 2/pi) by the 1.5 * 2^23 trick. NumPy's source multiplies and then adds, but
        // the compiler fused the two in the shipped build (measured: separate rounding differs
        // from NumPy for 136 of ~9.5 million sweep inputs, all near quadrant boundaries).
        let magic = Float(bitPattern: 0x4B40_0000)  // 0x1.8p+23
        let k = magic.addingProduct(x, Float(bitPattern: 0x3F22_F983)) - magic  // 2/pi, 0x1.45f306p-1
        // r = x - k*pi/2, with pi/2 split in three parts.
        var r = x.addingProduct(k, Float(bitPattern: 0xBFC9_0FD8))  // -0x1.921fb0p+0
        r = r.addingProduct(k, Float(bitPattern: 0xB4A8_885A))  // -0x1.5110b4p-22
        r = r.addingProduct(k, Float(bitPattern: 0xA7C2_34C4))  // -0x1.846988p-48
        let r2 = r * r

        // cos(r) ~ 1 + r2*(c2 + r2*(c4 + r2*(c6 + r2*c8)))
        var c = Float(bitPattern: 0xBAB6_036E)  // -0x1.6c06dcp-10
            .addingProduct(Float(bitPattern: 0x37CC_730B), r2)  //  0x1.98e616p-16
        c = Float(bitPattern: 0x3D2A_AA9E).addingProduct(c, r2)  //  0x1.55553cp-5
        c = Float(bitPattern: 0xBF00_0000).addingProduct(c, r2)  // -0.5
        c = Float(bitPattern: 0x3F80_0000).addingProduct(c, r2)  //  1

        // sin(r) ~ r + r*(r2*(s3 + r2*(s5 + r2*(s7 + r2*s9))))
        var s = Float(bitPattern: 0xB950_35DD)  // -0x1.a06bbap-13
            .addingProduct(Float(bitPattern: 0x363E_9DDE), r2)  //  0x1.7d3bbcp-19
        s = Float(bitPattern: 0x3C08_88CD).addingProduct(s, r2)  //  0x1.11119ap-7
        s = Float(bitPattern: 0xBE2A_AAAB).addingProduct(s, r2)  // -0x1.555556p-3
        s = Float(0).addingProduct(s, r2)
        s = r.addingProduct(s, r)

        // cos(x) = sin(r), cos(r), -sin(r), -cos(r) for quadrant (k + 1) & 3 = 0, 1, 2, 3.
        let quadrant = Int32(k) &+ 1
        let value = quadrant & 1 == 0 ? s : c
        return quadrant & 2 == 2 ? 0 - value : value
    }

    /// NumPy 2.4.6 float32 `np.exp` (AVX2/FMA3 path).
    static func exp(_ x: Float) -> Float {
        if x.isNaN { return Float(bitPattern: 0x7FC0_0000) }
        if x >= Float(bitPattern: 0x42B1_7218) { return .infinity }  // 88.72283935546875
        if x <= Float(bitPattern: 0xC2CF_F1B5) { return 0 }  // -103.97208404541015625

        // k = rint(x * log2(e)) by the 1.5 * 2^23 trick; here the multiply and the add are rounded
        // separately, as in NumPy's build (fusing them gives 84 mismatches over all float32 inputs).
        let magic = Float(bitPattern: 0x4B40_0000)
        let product = x * Float(bitPattern: 0x3FB8_AA3B)  // log2(e)
        let k = (product + magic) - magic
        // r = x - k*ln2, ln2 split in two parts (NumPy's third step adds k*0).
        var r = x.addingProduct(k, Float(bitPattern: 0xBF31_7200))  // -6.93145752e-1
        r = r.addingProduct(k, Float(bitPattern: 0xB5BF_BE8E))  // -1.42860677e-6
        r = r.addingProduct(k, 0)

        // exp(r) ~ P(r) / Q(r)
        var p = Float(bitPattern: 0x3BDD_7159)  // p4
            .addingProduct(Float(bitPattern: 0x3A05_3DD8), r)  // p5
        p = Float(bitPattern: 0x3D51_7D8C).addingProduct(p, r)  // p3
        p = Float(bitPattern: 0x3E7D_4C58).addingProduct(p, r)  // p2
        p = Float(bitPattern: 0x3F39_CBD5).addingProduct(p, r)  // p1
        p = Float(bitPattern: 0x3F80_0000).addingProduct(p, r)  // p0 (rounds to 1)
        var q = Float(bitPattern: 0xBE8C_6857)  // q1
            .addingProduct(Float(bitPattern: 0x3CB0_E832), r)  // q2
        q = Float(bitPattern: 0x3F80_0000).addingProduct(q, r)  // q0
        let poly = p / q

        // poly * 2^k: add k to the exponent field. For k <= -125 the result may be subnormal, so
        // scale by 2^-125 through the exponent and divide by 2^(-125 - k), rounding once.
        if k <= -125 {
            let shift = Int32(0 - (k - -125))
            let scaled = Float(bitPattern: poly.bitPattern &+ UInt32(bitPattern: Int32(-125) &<< 23))
            return scaled / Float(Int32(1) &<< shift)
        }
        return Float(bitPattern: poly.bitPattern &+ UInt32(bitPattern: Int32(k) &<< 23))
    }
}
