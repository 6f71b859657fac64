# fig-11-16-dropout-loss: training and validation MSE per epoch
# Data: fig-11-16-dropout-loss.dat. Redraw: gnuplot fig-11-16-dropout-loss.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-16-dropout-loss.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "GRU with dropout: loss per epoch"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.08967187:0.1697576]
set ytics (0.09, 0.1, 0.12, 0.14, 0.16)
set key top right
set xrange [1:*] noextend
plot "fig-11-16-dropout-loss.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
