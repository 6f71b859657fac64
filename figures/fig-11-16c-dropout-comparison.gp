# fig-11-16c-dropout-comparison: training (dashed) and validation (solid) loss per epoch of no dropout, dropout 0.1
# Data: fig-11-16c-dropout-comparison.dat. Redraw: gnuplot fig-11-16c-dropout-comparison.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-16c-dropout-comparison.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "GRU on CET: loss with and without dropout"
set xlabel "epoch (the y axis fits epochs 11 on; earlier losses may run off)"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.09095525:0.11059941]
set ytics (0.092, 0.094, 0.096, 0.098, 0.1, 0.102, 0.104, 0.106, 0.108)
set key bmargin center vertical nobox title "solid: validation, dashed: training"
set bmargin 8
set xrange [1:*] noextend
plot "fig-11-16c-dropout-comparison.dat" using 1:3 with lines lc rgb "#555555" lw 2 title "no dropout", \
     "fig-11-16c-dropout-comparison.dat" using 1:2 with lines lc rgb "#555555" lw 2 dt 2 notitle, \
     "fig-11-16c-dropout-comparison.dat" using 1:5 with lines ls 2 title "dropout 0.1", \
     "fig-11-16c-dropout-comparison.dat" using 1:4 with lines ls 2 dt 2 notitle
unset output
