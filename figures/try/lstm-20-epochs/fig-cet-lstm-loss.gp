# fig-cet-lstm-loss: training and validation MSE per epoch
# Data: fig-cet-lstm-loss.dat. Redraw: gnuplot fig-cet-lstm-loss.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-cet-lstm-loss.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "LSTM on CET: loss per epoch"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.0886353:0.19746873]
set ytics (0.09, 0.1, 0.12, 0.14, 0.16, 0.18)
set key top right
set xrange [1:*] noextend
plot "fig-cet-lstm-loss.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
