# fig-11-12-cet-predictions-sequence: all validation days, actual and predicted
# Data: fig-11-12-cet-predictions-sequence.dat. Redraw: gnuplot fig-11-12-cet-predictions-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-12-cet-predictions-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN on CET: every validation day (sequence layout)"
set xlabel "date"
set ylabel "temperature (z-score)"
set xdata time
set timefmt "%s"
set format x "%Y"
set xrange [*:*] noextend
plot "fig-11-12-cet-predictions-sequence.dat" using 1:2 with lines ls 1 title "actual", \
     "" using 1:3 with lines ls 2 title "predicted"
unset output
