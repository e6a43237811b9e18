import MLPExecutor
import MLPData
