# fig-11-09-giss-predictions-early-sequence: validation values and the RNN's predictions after 100 epochs
# Data: fig-11-09-giss-predictions-early-sequence.dat. Redraw: gnuplot fig-11-09-giss-predictions-early-sequence.gp
load "style.gp"
if (!exists("outfile")) outfile = "fig-11-09-giss-predictions-early-sequence.png"
set terminal pngcairo size 1200,600 enhanced font style_font linewidth 1.5
set output outfile
set title "Simple RNN after 100 epochs (sequence layout)"
set xlabel "year"
set ylabel "temperature (z-score)"
set yrange [-1.9529488:3.4558418]
set link y2 via y*5.177405+11.198707 inverse (y-11.198707)/5.177405
set y2tics 5 format "%g"
set y2label "temperature (°C)"
set object 1 rect from 2021.9166, graph 0 to 2022.8334, graph 1 fc rgb cell_highlight fs solid 1.0 noborder behind
set label 1 "book's steps 160-170" at 2022.8334, graph 0.95 left offset 0.5, 0 front
set xrange [*:*] noextend
set key top left title "MAE over the points shown"
plot "fig-11-09-giss-predictions-early-sequence.dat" using 1:4 with lines ls 6 lw 1.5 title "next month as this one: MAE 2.86 °C (0.552 z)", \
     "fig-11-09-giss-predictions-early-sequence.dat" using 1:2 with lines ls 1 title "actual", \
     "fig-11-09-giss-predictions-early-sequence.dat" using 1:3 with lines ls 2 title "predicted: MAE 1.11 °C (0.214 z)"
unset output
