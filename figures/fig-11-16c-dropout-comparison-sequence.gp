# fig-11-16c-dropout-comparison-sequence: training (dashed) and validation (solid) loss per epoch of no dropout, dropout 0.1, recurrent dropout 0.2, dropout 0.1
# Data: fig-11-16c-dropout-comparison-sequence.dat. Redraw: gnuplot fig-11-16c-dropout-comparison-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-16c-dropout-comparison-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "GRU on CET: loss with and without dropout (sequence layout)"
set xlabel "epoch (the y axis fits epochs 3 on; earlier losses may run off)"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.114395745:0.1206252]
set ytics (0.115, 0.116, 0.117, 0.118, 0.119, 0.12)
set key bmargin center vertical nobox title "solid: validation, dashed: training"
set bmargin 9
set xrange [1:*] noextend
plot "fig-11-16c-dropout-comparison-sequence.dat" using 1:3 with lines lc rgb "#555555" lw 2 title "no dropout", \
     "fig-11-16c-dropout-comparison-sequence.dat" using 1:2 with lines lc rgb "#555555" lw 2 dt 2 notitle, \
     "fig-11-16c-dropout-comparison-sequence.dat" using 1:5 with lines ls 2 title "dropout 0.1", \
     "fig-11-16c-dropout-comparison-sequence.dat" using 1:4 with lines ls 2 dt 2 notitle, \
     "fig-11-16c-dropout-comparison-sequence.dat" using 1:7 with lines ls 5 title "recurrent dropout 0.2, dropout 0.1", \
     "fig-11-16c-dropout-comparison-sequence.dat" using 1:6 with lines ls 5 dt 2 notitle
unset output
