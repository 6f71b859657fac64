# fig-cet-lstm-predictions: all validation days, actual and predicted
# Data: fig-cet-lstm-predictions.dat. Redraw: gnuplot fig-cet-lstm-predictions.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-cet-lstm-predictions.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "LSTM on CET: every validation day"
set xlabel "date"
set ylabel "temperature (z-score)"
set xdata time
set timefmt "%s"
set format x "%Y"
set xrange [*:*] noextend
plot "fig-cet-lstm-predictions.dat" using 1:2 with lines ls 1 title "actual", \
     "" using 1:3 with lines ls 2 title "predicted"
unset output
