# fig-dnn-loss: training and validation MSE of the Chapter 10's DNN per epoch
# Data: fig-dnn-loss.dat. Redraw: gnuplot fig-dnn-loss.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-dnn-loss.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Chapter 10's DNN: loss per epoch"
set xlabel "epoch"
set ylabel "MSE loss (log scale)"
set logscale y
set yrange [23.586674:16729.783]
set ytics (30, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
set key top right
set xrange [1:*] noextend
plot "fig-dnn-loss.dat" using 1:2 with lines ls 3 title "training", \
     "" using 1:3 with lines ls 4 title "validation"
unset output
