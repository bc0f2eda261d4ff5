import { Logger } from '@nestjs/common';
import { logLevel, type logCreator } from 'kafkajs';

/**
 * kafkajs's log lines through Nest's logger (context `kafkajs`), so that they are structured and
 * redacted like the hub's own instead of going to the console beside them.
 */
export const nestLogCreator: logCreator = () => {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
    const line = Object.keys(extra).length ? `${message} ${JSON.stringify(extra)}` : message;
    switch (level) {
      case logLevel.ERROR:
        logger.error(line);
        break;
      case logLevel.WARN:
        logger.warn(line);
        break;
      case logLevel.INFO:
        logger.log(line);
        break;
      case logLevel.DEBUG:
        logger.debug(line);
        break;
      case logLevel.NOTHING:
        break;
    }
  };
};
