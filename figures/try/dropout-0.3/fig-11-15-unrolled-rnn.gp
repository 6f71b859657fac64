# fig-11-15-unrolled-rnn: a recurrent layer unrolled over four steps, and where the two dropouts act
# Data: fig-11-15-unrolled-rnn-cells.dat, fig-11-15-unrolled-rnn-arrows.dat, fig-11-15-unrolled-rnn-dropout.dat. Redraw: gnuplot fig-11-15-unrolled-rnn.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-15-unrolled-rnn.png"
set terminal pngcairo size 1200,680 enhanced font style_font linewidth 1.5
set output outfile
set title "A recurrent layer unrolled over time"
unset border
unset tics
unset grid
unset key
set size ratio -1
set xrange [-3.0:12.600000000000001]
set yrange [-4.45:2.4]
set tmargin 2
set label "x_{t-2}" at 0.0, -2.0 center font ",20"
set label "y_{t-2}" at 0.0, 2.0 center font ",20"
set label "cell" at 0.0, 0 center front
set label "r_{t-2}" at 1.6, 0.42 center font ",18"
set label "x_{t-1}" at 3.2, -2.0 center font ",20"
set label "y_{t-1}" at 3.2, 2.0 center font ",20"
set label "cell" at 3.2, 0 center front
set label "r_{t-1}" at 4.800000000000001, 0.42 center font ",18"
set label "x_{t}" at 6.4, -2.0 center font ",20"
set label "y_{t}" at 6.4, 2.0 center font ",20"
set label "cell" at 6.4, 0 center front
set label "r_{t}" at 8.0, 0.42 center font ",18"
set label "x_{t+1}" at 9.600000000000001, -2.0 center font ",20"
set label "y_{t+1}" at 9.600000000000001, 2.0 center font ",20"
set label "cell" at 9.600000000000001, 0 center front
set label "dropout: a new mask on the inputs x at every step" at -2.9, -3.05 left textcolor rgb "#d1495b"
set label "recurrent dropout: one mask per sequence on r, the same at every step" at -2.9, -3.6 left textcolor rgb "#6a4c93"
set label "the book's models: nn.Dropout on the last output only, before the Linear layer" at -2.9, -4.15 left textcolor rgb "#e07a1f"
plot "fig-11-15-unrolled-rnn-cells.dat" using 1:2:(0.75):(0.45) with boxxyerror fs solid 1.0 border lc rgb "#555555" fc rgb cell_fill, \
     "fig-11-15-unrolled-rnn-arrows.dat" using 1:2:3:($5 == 4 ? NaN : $4) with vectors filled head size 0.15,25 lw 2 lc rgb "#444444", \
     "" using 1:2:3:($5 == 4 ? $4 : NaN) with vectors filled head size 0.15,25 lw 2 lc rgb "#444444" dt 2, \
     "fig-11-15-unrolled-rnn-dropout.dat" using 1:2:($3 == 1 ? 0xd1495b : $3 == 2 ? 0x6a4c93 : 0xe07a1f) with points pt 2 ps 3 lw 3 lc rgb variable
unset output
