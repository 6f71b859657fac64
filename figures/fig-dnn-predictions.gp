# fig-dnn-predictions: the Chapter 10's DNN's predictions for the validation windows against the actual values
# Data: fig-dnn-predictions.dat. Redraw: gnuplot fig-dnn-predictions.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-dnn-predictions.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Chapter 10's DNN: validation values and predictions"
set xlabel "time step"
set ylabel "value"
set xrange [*:*] noextend
plot "fig-dnn-predictions.dat" using 1:2 with lines ls 1 title "actual", \
     "" using 1:3 with lines ls 2 title "predicted"
unset output
