# fig-11-11-giss-loss-sequence: training and validation MSE per epoch
# Data: fig-11-11-giss-loss-sequence.dat. Redraw: gnuplot fig-11-11-giss-loss-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-11-giss-loss-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN: loss per epoch (sequence layout)"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.04737417:1.2381485]
set ytics (0.05, 0.1, 0.2, 0.5, 1)
set key top right
set xrange [1:*] noextend
plot "fig-11-11-giss-loss-sequence.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
