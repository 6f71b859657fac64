# fig-11-14-cet-loss-sequence: training and validation MSE per epoch
# Data: fig-11-14-cet-loss-sequence.dat. Redraw: gnuplot fig-11-14-cet-loss-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-14-cet-loss-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN on CET: loss per epoch (sequence layout)"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.09034293:0.13452205]
set ytics (0.091, 0.1, 0.11, 0.12, 0.13)
set key top right
set xrange [1:*] noextend
plot "fig-11-14-cet-loss-sequence.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
