# fig-11-04b-cnn-loss: training and validation MSE of the CNN per epoch
# Data: fig-11-04b-cnn-loss.dat. Redraw: gnuplot fig-11-04b-cnn-loss.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-04b-cnn-loss.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "CNN: loss per epoch"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [20.42426:12291.464]
set ytics (30, 50, 100, 200, 500, 1000, 2000, 5000)
set key top right
set xrange [1:*] noextend
plot "fig-11-04b-cnn-loss.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
