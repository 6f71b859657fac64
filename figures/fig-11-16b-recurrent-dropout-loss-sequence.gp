# fig-11-16b-recurrent-dropout-loss-sequence: training and validation MSE per epoch
# Data: fig-11-16b-recurrent-dropout-loss-sequence.dat. Redraw: gnuplot fig-11-16b-recurrent-dropout-loss-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-16b-recurrent-dropout-loss-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "GRU with recurrent dropout 0.2 and dropout 0.1: loss per epoch (sequence layout)"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.11211746:0.24219279]
set ytics (0.12, 0.14, 0.16, 0.18, 0.2)
set key top right
set xrange [1:*] noextend
plot "fig-11-16b-recurrent-dropout-loss-sequence.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
