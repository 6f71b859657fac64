# fig-11-11-giss-loss: training and validation MSE per epoch
# Data: fig-11-11-giss-loss.dat. Redraw: gnuplot fig-11-11-giss-loss.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-11-giss-loss.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN: loss per epoch (book layout)"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [0.05764407:1.1936535]
set ytics (0.06, 0.1, 0.2, 0.5, 1)
set key top right
set xrange [1:*] noextend
plot "fig-11-11-giss-loss.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
